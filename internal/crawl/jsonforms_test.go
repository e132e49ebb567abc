package crawl

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// jsonListSite serves a column list whose shell page (/list.html) holds
// script, and an endpoint /api/list numbering its pages by the query
// parameter pageParam (page 1 when it has none) that answer writes: the records of page k of total
// articles, perPage a page (none past the last); /detail/N.html is
// article N. The site's homepage links the list.
func jsonListSite(t *testing.T, script, pageParam string, perPage, total int, answer func(w http.ResponseWriter, r *http.Request, k int, ids []int)) (string, *hitCounter) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.URL.Path {
		case "/":
			page("顶层文明网", `<a href="/list.html">工作动态</a>`)
		case "/list.html":
			page("工作动态", `<ul id="list"></ul><script>`+script+`</script>`)
		case "/api/list":
			k, err := strconv.Atoi(r.URL.Query().Get(pageParam))
			if err != nil {
				k = 1 // as back ends answer a request without a page
			}
			var ids []int
			for i := (k - 1) * perPage; i >= 0 && i < min(total, k*perPage); i++ {
				ids = append(ids, i)
			}
			answer(w, r, k, ids)
		default:
			var id int
			if _, err := fmt.Sscanf(r.URL.Path, "/detail/%d.html", &id); err == nil && id < total {
				page("文章", numberedArticle(strconv.Itoa(id)))
				return
			}
			http.NotFound(w, r)
		}
	})
	return srv.URL, hits
}

// crawlJSONList crawls a jsonListSite and reports each of its total
// articles not archived.
func crawlJSONList(t *testing.T, srvURL string, hits *hitCounter, total int) {
	t.Helper()
	var sink urlSink
	runTestCrawl(t, srvURL, Options{Workers: 2}, sink.store)
	for i := range total {
		if u := fmt.Sprintf("http://top.wenming.test/detail/%d.html", i); sink.get(u) == nil {
			t.Errorf("%s not archived (requests %v)", u, hits.hits)
		}
	}
}

// TestListAskedWithDataObject crawls a list whose script passes the page
// number in a data object when the page loads ($.ajax({url: '/api/list',
// data: {pageNo: 1, channelId: chan}}), chan a page variable): every
// article is archived, the endpoint asked without a channel never, and
// the script's POST (a vote) never sent.
func TestListAskedWithDataObject(t *testing.T) {
	const perPage, total = 4, 10
	script := `var chan = 12;
$(function () { $.ajax({url: '/api/list', type: 'get', dataType: 'json', data: {pageNo: 1, channelId: chan}, success: function (res) { render(res.rows); }}); });
$('#vote').click(function () { $.post('/api/vote', {id: 3, page: 1}); });`
	srvURL, hits := jsonListSite(t, script, "pageNo", perPage, total, func(w http.ResponseWriter, r *http.Request, k int, ids []int) {
		if r.URL.Query().Get("channelId") != "12" {
			http.Error(w, "no channel", http.StatusBadRequest)
			return
		}
		rows := []map[string]any{}
		for _, i := range ids {
			rows = append(rows, map[string]any{"linkUrl": fmt.Sprintf("/detail/%d.html", i), "title": fmt.Sprintf("志愿服务活动纪实第%d篇", i)})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"rows": rows})
	})
	crawlJSONList(t, srvURL, hits, total)
	if n, kinds := hits.caseless("api/vote"); n > 0 {
		t.Errorf("a POST's URL asked: %v", kinds)
	}
	if n, kinds := hits.caseless("pageno=5"); n > 0 {
		t.Errorf("paged past the empty page: %v", kinds)
	}
}

// TestListOfRecordsByID crawls a list whose JSON records carry only an
// id, a title and a date, each row's link built by the script
// ('<a href="detail/' + item.id + '.html">', relative to the list's
// page): every article is archived, and no other URL made of the
// records.
func TestListOfRecordsByID(t *testing.T) {
	const perPage, total = 4, 10
	script := `var cid = 9;
function load(page) { $.getJSON('/api/list', {cid: cid, page: page}, function (res) {
  var html = '';
  $.each(res.data.list, function (i, item) {
    html += '<li><img src="/upload/' + item.pic + '"><a href="detail/' + item.id + '.html" title="' + item.title + '">' + item.title + '</a><span>' + item.date + '</span></li>';
  });
  $('#list').html(html);
}); }
load(1);`
	srvURL, hits := jsonListSite(t, script, "page", perPage, total, func(w http.ResponseWriter, r *http.Request, k int, ids []int) {
		rows := []map[string]any{}
		for _, i := range ids {
			rows = append(rows, map[string]any{"id": i, "pic": "p.jpg", "title": fmt.Sprintf("志愿服务活动纪实第%d篇", i), "date": "2024-05-12"})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"code": 0, "data": map[string]any{"list": rows, "total": total}})
	})
	crawlJSONList(t, srvURL, hits, total)
	if n, kinds := hits.caseless("upload"); n > 0 {
		t.Errorf("an image's URL made of a record: %v", kinds)
	}
}

// TestRecordTemplate checks which links a script builds of its records
// the crawl reads: those of literals, the page's literal variables and
// the record's fields only.
func TestRecordTemplate(t *testing.T) {
	tests := []struct{ js, want string }{
		{`html += '<li><a href="/content/' + item.id + '.html">' + item.title + '</a></li>';`, "/content/|id|.html"},
		{`$.each(list, function (i, v) { s += "<a href='detail.html?id=" + v.id + "'>" + v.title + "</a>"; });`, "detail.html?id=|id|"},
		{"rows.map(item => `<li><a href=\"/news/${item.id}\">${item.title}</a></li>`)", "/news/|id|"},
		{`var url = "/view.jsp?cid=" + cid + "&id=" + data.list[i]['articleId']; var cid = 5;`, "/view.jsp?cid=5&id=|articleId|"},
		{`location.href = '/info/' + res.rows[i].channel + '/' + res.rows[i].id + '.html';`, "/info/|channel|/|id|.html"},
		{`html += '<a href="/content/' + item.id + '.html?t=' + token + '">';`, ""}, // token unknown
		{`html += '<img src="/upload/' + item.pic + '">';`, ""},
		{`$('#n').text('共' + res.total + '条');`, ""},
	}
	for _, tt := range tests {
		got := strings.ReplaceAll(recordTemplate([]string{tt.js}), templateSep, "|")
		if got != tt.want {
			t.Errorf("recordTemplate(%q) = %q, want %q", tt.js, got, tt.want)
		}
	}
}

// TestJSONListEnds crawls lists whose endpoint, past its last page,
// answers the last page again, wrapped as back ends wrap a list: the
// answer's page count or total ends the paging where it says (the page
// past the end never asked), and without them the page repeating the
// one before ends it (asked once, the next never). One list answers
// JSONP.
func TestJSONListEnds(t *testing.T) {
	const perPage, total = 4, 10
	tests := []struct {
		name, script string
		wrap         func(rows []map[string]any) string
		pastEnd      int // requests of page 4, the one past the end
	}{
		{"jsonp page count", `$(function () { $.ajax({url: '/api/list', dataType: 'jsonp', data: {pageNo: 1}, success: show}); });`,
			func(rows []map[string]any) string {
				b, _ := json.Marshal(map[string]any{"result": map[string]any{"records": rows, "pages": 3, "current": 1}})
				return "callback(" + string(b) + ");"
			}, 0},
		{"total and page size", `$(function () { $.getJSON('/api/list', {pageNo: 1, pageSize: 4}, show); });`,
			func(rows []map[string]any) string {
				b, _ := json.Marshal(map[string]any{"code": 0, "data": map[string]any{"list": rows, "total": strconv.Itoa(total)}})
				return string(b)
			}, 0},
		{"no counts", `$(function () { $.getJSON('/api/list', {pageNo: 1}, show); });`,
			func(rows []map[string]any) string {
				b, _ := json.Marshal(map[string]any{"rows": rows})
				return string(b)
			}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srvURL, hits := jsonListSite(t, tt.script, "pageNo", perPage, total, func(w http.ResponseWriter, r *http.Request, k int, ids []int) {
				if k > 3 { // past the end: the last page again
					ids = []int{8, 9}
				}
				rows := []map[string]any{}
				for _, i := range ids {
					rows = append(rows, map[string]any{"url": fmt.Sprintf("/detail/%d.html", i), "title": fmt.Sprintf("志愿服务活动纪实第%d篇", i)})
				}
				w.Header().Set("Content-Type", "application/javascript")
				fmt.Fprint(w, tt.wrap(rows))
			})
			crawlJSONList(t, srvURL, hits, total)
			if n, _ := hits.caseless("pageno=4"); n != tt.pastEnd {
				t.Errorf("the page past the end asked %d times, want %d", n, tt.pastEnd)
			}
			if n, kinds := hits.caseless("pageno=5"); n > 0 {
				t.Errorf("paged on past the end: %v", kinds)
			}
		})
	}
}
