package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// errorAs200Site is a county site on a PHP CMS whose server, under load,
// answers some requests 200 with its failure instead of the page: the
// CMS's database error page (Discuz! X prints "Discuz! Database Error"
// with the MySQL error and exits without an error status; DedeCMS and
// PHPCMS print theirs the same way), a PHP fatal error, or nothing at all
// (a PHP process that died before printing). The failures pass: asked
// again, the page comes.
type errorAs200Site struct {
	articles int
	fails    map[string]string // path → the failure answered, the first two times

	mu   sync.Mutex
	hits map[string]int
}

// A failure page as each kind of server prints one.
var errorAs200Pages = map[string]string{
	"discuz": `<!DOCTYPE html><html><head><title>Discuz! Database Error</title><meta charset="utf-8"></head><body>` +
		`<div id="container"><h1>Discuz! Database Error</h1><div class='info'>(1040) Too many connections</div>` +
		`<div class="info"><p><strong>PHP Debug</strong></p><table><tr><th>No.</th><th>File</th><th>Line</th><th>Code</th></tr>` +
		`<tr><td>1</td><td>forum.php</td><td>71</td><td>discuz_application-&gt;init()</td></tr></table></div>` +
		`<div class="help"><a href="http://faq.comsenz.com">http://faq.comsenz.com</a></div></div></body></html>`,
	"dede":  `<div style='font-size:14px;line-height:160%;border-bottom:1px dashed #ccc;'>DedeCMS错误警告：<font color='red'>连接数据库失败，可能数据库密码不对或数据库服务器出错！</font></div>`,
	"fatal": "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in <b>/www/wwwroot/site/include/common.inc.php</b> on line <b>118</b><br />\n",
	"mysql": `<html><head><title>MySQL Error</title></head><body><b>MySQL Query Error</b><br>SQLSTATE[HY000] [2002] Can't connect to MySQL server on '127.0.0.1' (111)</body></html>`,
	"empty": "",
}

func (s *errorAs200Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.RequestURI()
	s.mu.Lock()
	s.hits[path]++
	n := s.hits[path]
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if kind, ok := s.fails[path]; ok && n <= 2 {
		io.WriteString(w, errorAs200Pages[kind])
		return
	}
	head := `<html><head><meta charset="utf-8"><title>%s_某县文明网</title></head><body><div class="nav"><a href="/">首页</a><a href="/list/">工作动态</a></div>`
	var id, page int
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
	case path == "/" || path == "/list/" || scanID(path, "/list/index_%d.html", &page):
		fmt.Fprintf(w, head, "工作动态")
		io.WriteString(w, `<ul class="list">`)
		for i := page * 5; i < page*5+5 && i < s.articles; i++ {
			fmt.Fprintf(w, `<li><a href="/a/%d.html">志愿服务活动纪实第%d篇</a><span>2023-03-22</span></li>`, i, i)
		}
		io.WriteString(w, `</ul>`)
		if (page+1)*5 < s.articles {
			fmt.Fprintf(w, `<div class="page"><a href="/list/index_%d.html">下一页</a></div>`, page+1)
		}
		io.WriteString(w, `</body></html>`)
	case scanID(path, "/a/%d.html", &id) && id < s.articles:
		fmt.Fprintf(w, head, fmt.Sprintf("志愿服务活动纪实第%d篇", id))
		io.WriteString(w, numberedArticle(fmt.Sprint(id))+`</body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// TestServerErrorAnsweredAs200 crawls a site that answers some pages 200
// with a database error, a PHP fatal error or nothing at all, twice
// before it answers them right: every article is archived, none of the
// failures is, and the list is walked to its end (a list page that failed
// is asked again, not read as a list without links).
func TestServerErrorAnsweredAs200(t *testing.T) {
	site := &errorAs200Site{articles: 20, hits: map[string]int{}, fails: map[string]string{
		"/a/3.html": "discuz", "/a/7.html": "dede", "/a/11.html": "fatal", "/a/15.html": "empty",
		"/list/index_2.html": "mysql",
	}}
	var sink urlSink
	_, sum := crawlWeb(t, site, Options{Workers: 2, PerHost: 2, Retries: 3}, sink.store)
	var want []string
	for i := 0; i < site.articles; i++ {
		want = append(want, fmt.Sprintf("http://top.wenming.test/a/%d.html", i))
	}
	if miss := sink.missing(want...); len(miss) > 0 {
		t.Errorf("not archived: %v (errors %v %v)", miss, sum.Errors, sum.ErrorSamples)
	}
	for _, u := range want {
		a := sink.get(u)
		if a != nil && (strings.Contains(a.Title, "Error") || strings.Contains(a.Body, "数据库") || strings.Contains(a.Body, "Fatal")) {
			t.Errorf("%s archived a failure page: %q", u, a.Title)
		}
	}
	if sum.Retried < int64(len(site.fails)) {
		t.Errorf("retried %d, want at least %d (each failure page asked again)", sum.Retried, len(site.fails))
	}
}

func TestServerFailure(t *testing.T) {
	big := strings.Repeat("<p>志愿服务活动现场气氛热烈。</p>", 1000)
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"empty", "", true},
		{"whitespace", "\r\n \n", true},
		{"discuz", errorAs200Pages["discuz"], true},
		{"dede", errorAs200Pages["dede"], true},
		{"php fatal", errorAs200Pages["fatal"], true},
		{"mysql", errorAs200Pages["mysql"], true},
		{"asp.net", `<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>`, true},
		{"a page cut short by a fatal error", `<html><body>` + big + errorAs200Pages["fatal"], true},
		{"a fatal error early in a whole page", `<html><body>` + errorAs200Pages["fatal"] + big + `</body></html>`, false},
		{"a short article", `<html><head><title>通知</title></head><body><p>各志愿服务队：请于3月5日到县文化广场集合。</p></body></html>`, false},
		{"an article in its template naming an error", `<html><body>` + big + `<p>数据库错误导致系统停机。</p></body></html>`, false},
	}
	for _, tc := range tests {
		if _, got := serverFailure([]byte(tc.page)); got != tc.want {
			t.Errorf("%s: failure %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFirstFailureMark compares firstFailureMark with a bytes.Contains of
// each mark in turn on texts holding marks at every offset of the
// scanner's strides, at the text's ends, cut short by a byte, overlapping
// each other, and none.
func TestFirstFailureMark(t *testing.T) {
	naive := func(text []byte) int {
		for i, m := range failureMarks {
			if bytes.Contains(text, m) {
				return i
			}
		}
		return -1
	}
	filler := []byte("<p>志愿服务活动 Error SQL mysql <b>Fatal</b> 数据库 502 Bad</p>\n")
	var texts [][]byte
	for i, m := range failureMarks {
		for lead := 0; lead <= 12; lead++ {
			pre := bytes.Repeat([]byte("x"), lead)
			texts = append(texts,
				concat(pre, m),                            // at the end
				concat(m, pre),                            // at the start
				concat(filler, pre, m, filler),            // inside
				concat(filler, pre, m[:len(m)-1], filler), // cut short
				concat(pre, m[1:]),                        // its first byte missing
				concat(filler, pre, m, failureMarks[(i+5)%len(failureMarks)]),
				concat(pre, failureMarks[(i+7)%len(failureMarks)], m, pre))
		}
	}
	texts = append(texts, nil, []byte("abc"), bytes.Repeat(filler, 200))
	for _, text := range texts {
		if got, want := firstFailureMark(text), naive(text); got != want {
			t.Errorf("firstFailureMark(%q) = %d, want %d", text, got, want)
		}
	}
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// BenchmarkServerFailure looks for the failure marks in a 15 KB article
// page that has none.
func BenchmarkServerFailure(b *testing.B) {
	page := []byte(`<html><head><title>通知</title></head><body>` + strings.Repeat(`<p class="t">志愿服务活动现场气氛热烈 <a href="/a/1.html">Database</a></p>`, 180) + `</body></html>`)
	for b.Loop() {
		if _, ok := serverFailure(page); ok {
			b.Fatal("a failure")
		}
	}
}
