package crawl

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
)

// jsonListSite serves a column list whose shell page (/list.html) holds
// script, and an endpoint /api/list numbering its pages by the query
// parameter pageParam that answer writes: the records of page k of total
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
				http.Error(w, "no page", http.StatusBadRequest)
				return
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
