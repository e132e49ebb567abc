package crawl

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

// TestListFilledFromJSON crawls a site whose column list is a shell that
// its script fills, when the page loads, from a JSON endpoint built of a
// page variable and the loading function's page argument
// (/api/list?cid=7&page=1), the records nested under data.list, each
// with its url and title: every article of the list's three pages is
// archived, the endpoint asked for each page and once past the end, and
// nothing else of the script (a click handler's request) asked.
func TestListFilledFromJSON(t *testing.T) {
	const perPage, total = 4, 10
	script := `var cid = 7;
function load(page) { $.getJSON('/api/list?cid=' + cid + '&page=' + page, function (res) { render(res.data.list); }); }
function like(id) { $.get('/api/like?id=' + id, function () {}); }
load(1);`
	srvURL, hits := jsonListSite(t, script, "page", perPage, total, func(w http.ResponseWriter, r *http.Request, k int, ids []int) {
		var rows []map[string]string
		for _, i := range ids {
			rows = append(rows, map[string]string{"url": fmt.Sprintf("/detail/%d.html", i), "title": fmt.Sprintf("志愿服务活动纪实第%d篇", i)})
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		json.NewEncoder(w).Encode(map[string]any{"code": 0, "data": map[string]any{"total": total, "list": rows}})
	})
	crawlJSONList(t, srvURL, hits, total)
	for k := 2; k <= 4; k++ {
		if n := hits.requests(fmt.Sprintf("top.wenming.test/api/list?cid=7&page=%d", k)); n != 1 {
			t.Errorf("page %d of the list asked %d times, want once", k, n)
		}
	}
	if n, kinds := hits.caseless("api/like"); n > 0 {
		t.Errorf("a click handler's request asked: %v", kinds)
	}
}

// TestXHRRequestsNumberPages checks which load-time requests of a page's
// scripts the crawl asks: a list's, which numbers its page, with the
// next page's; never a view counter's, which each request counts.
func TestXHRRequestsNumberPages(t *testing.T) {
	tests := []struct {
		js   string
		want []string
	}{
		{`var cid = 7; function load(page) { $.getJSON('/api/list?cid=' + cid + '&page=' + page, function (r) {}); } load(1);`,
			[]string{"/api/list?cid=7&page=1", "/api/list?cid=7&page=2"}},
		{`function getList(pageNo) { $.ajax({url: "/news/data.do?pageNo=" + pageNo, type: "get"}); } getList(1);`,
			[]string{"/news/data.do?pageNo=1", "/news/data.do?pageNo=2"}},
		{`$(function () { getList(1, 10); }); function getList(pageIndex, pageSize) { fetch("/api/news?pageIndex=" + pageIndex + "&pageSize=" + pageSize).then(function (r) { return r.json(); }); }`,
			[]string{"/api/news?pageIndex=1&pageSize=10", "/api/news?pageIndex=2&pageSize=10"}},
		{`function views(id) { $.get('/count.php?id=' + id, function (n) { $('#v').text(n); }); } views(12);`, nil},
		{`function load(page) { $.getJSON('/api/list?page=' + page + '&kw=' + kw, function (r) {}); } load(1);`, nil}, // kw unknown
		// The page number passed in a data object, appended to the query
		// in the order written.
		{`var cid = 3; function load(p) { $.getJSON('/api/list', {page: p, cid: cid}, function (r) {}); } load(1);`,
			[]string{"/api/list?page=1&cid=3", "/api/list?page=2&cid=3"}},
		{`$(function () { $.ajax({url: '/api/list', type: 'GET', data: {pageNo: 1, channelId: 12}, success: function (r) { show(r); }}); });`,
			[]string{"/api/list?pageNo=1&channelId=12"}},
		{`function load(page) { axios.get('/api/list?cid=4', {params: {page: page, size: 10}}).then(function (r) {}); } load(1);`,
			[]string{"/api/list?cid=4&page=1&size=10", "/api/list?cid=4&page=2&size=10"}},
		{`function load(page) { fetch('/api/list?' + new URLSearchParams({page: page, "cid": 5})).then(function (r) { return r.json(); }); } load(1);`,
			[]string{"/api/list?page=1&cid=5", "/api/list?page=2&cid=5"}},
		// Never a POST, nor a value the page does not hold.
		{`$.post('/api/list', {page: 1}, function (r) {});`, nil},
		{`$.ajax({url: '/api/list', type: 'POST', data: {page: 1}});`, nil},
		{`fetch('/api/list?page=1', {method: 'post'});`, nil},
		{`$.getJSON('/api/list', {page: 1, kw: $('#kw').val()}, function (r) {});`, nil},
	}
	for _, tt := range tests {
		if got := xhrRequests([]string{tt.js}); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("xhrRequests(%q) = %q, want %q", tt.js, got, tt.want)
		}
	}
}
