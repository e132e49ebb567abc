package crawl

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// marks collects what a crawl hands Options.Removed.
type marks struct {
	mu sync.Mutex
	m  map[string]article.Removal
}

func (k *marks) removed(url string, r article.Removal) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil {
		k.m = map[string]article.Removal{}
	}
	k.m[url] = r
	return true, nil
}

func (k *marks) get(url string) (article.Removal, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	r, ok := k.m[url]
	return r, ok
}

// removalSite is a site of a homepage, a list and two young articles
// (/a/1.html, /a/2.html) whose articles may go: once setGone is called,
// answer is asked first for each article, and answers it when it returns
// true.
type removalSite struct {
	mu   sync.Mutex
	gone bool
}

func (s *removalSite) setGone() {
	s.mu.Lock()
	s.gone = true
	s.mu.Unlock()
}

// removalStory is an article page's body, titled title, published two
// days ago: young enough to be revisited.
func removalStory(title string) string {
	return `<div class="article"><h1>` + title + `</h1><div class="info">发布时间：` + time.Now().Add(-48*time.Hour).Format("2006-01-02 15:04") + `</div>` +
		`<div class="content"><p>近日，县里组织开展了“文明实践进社区”志愿服务活动，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>` +
		`<p>活动现场气氛热烈，群众纷纷表示，` + title + `这样的活动接地气、有温度，希望以后多多举办。</p></div></div>`
}

func (s *removalSite) serve(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, page func(title, body string)) bool) *httptest.Server {
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		s.mu.Lock()
		gone := s.gone
		s.mu.Unlock()
		titles := map[string]string{"/a/1.html": "县里举办志愿服务活动", "/a/2.html": "社区开展文明实践"}
		switch p := r.URL.Path; {
		case p == "/":
			page("顶层文明网", `<a href="/list.html">工作动态</a>`)
		case p == "/list.html":
			page("工作动态_顶层文明网", `<ul><li><a href="/a/1.html">县里举办志愿服务活动</a></li><li><a href="/a/2.html">社区开展文明实践</a></li></ul>`)
		case titles[p] != "":
			if gone && answer(w, r, page) {
				return
			}
			page(titles[p]+"_顶层文明网", removalStory(titles[p]))
		case strings.EqualFold(p, "/error.aspx"):
			page("出错了", `对不起，您访问的页面不存在！`)
		default:
			http.NotFound(w, r)
		}
	})
	return srv
}

// TestRemovedAnswers crawls a site twice: the second crawl revisits its
// two young articles, the second of which answers as the case says.
// Only an answer saying the article is gone marks it removed at the
// source (404, 410, the site's not-found page answered 200, a redirect
// to the error page or to the homepage), and only when the site showed
// itself healthy in the run: a 503, a timeout, or a site answering 404
// for every article marks nothing.
func TestRemovedAnswers(t *testing.T) {
	const (
		first  = "http://top.wenming.test/a/1.html"
		second = "http://top.wenming.test/a/2.html"
	)
	tests := []struct {
		name       string
		gone       func(w http.ResponseWriter, r *http.Request, page func(title, body string))
		firstGone  bool // the first article answers as the second
		wantStatus int
		wantAnswer string // in the mark's Answer; "" for no mark
	}{
		{"404", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) { http.NotFound(w, r) }, false, 404, "HTTP 404"},
		{"410", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) { w.WriteHeader(http.StatusGone) }, false, 410, "HTTP 410"},
		{"soft 404", func(w http.ResponseWriter, r *http.Request, page func(string, string)) {
			page("页面不存在_顶层文明网", `<div class="about"><p>对不起，您要访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></div>`)
		}, false, 200, "not-found page"},
		{"message page", func(w http.ResponseWriter, r *http.Request, page func(string, string)) {
			page("提示信息 -  顶层文明网 -  Powered by Discuz!", `<div id="messagetext" class="alert_error"><p>抱歉，指定的文章不存在或已被删除</p></div>`)
		}, false, 200, "not-found page"},
		{"redirect to the error page", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) {
			http.Redirect(w, r, "/Error.aspx?aspxerrorpath="+r.URL.Path, http.StatusFound)
		}, false, 0, "error page"},
		{"redirect to the homepage", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) {
			http.Redirect(w, r, "/", http.StatusFound)
		}, false, 0, "homepage"},
		{"503", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}, false, 0, ""},
		{"timeout", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) {
			select {
			case <-r.Context().Done():
			case <-time.After(3 * time.Second):
			}
		}, false, 0, ""},
		{"refusal page", func(w http.ResponseWriter, r *http.Request, page func(string, string)) {
			page("提示信息 - 顶层文明网", `<div id="messagetext"><p>抱歉，您需要登录后才能查看</p></div>`)
		}, false, 0, ""},
		{"every revisit 404", func(w http.ResponseWriter, r *http.Request, _ func(string, string)) { http.NotFound(w, r) }, true, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var site removalSite
			srv := site.serve(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) bool {
				if r.URL.Path == "/a/2.html" || tt.firstGone {
					tt.gone(w, r, page)
					return true
				}
				return false
			})
			var sink staticSink
			var k marks
			opts := Options{Workers: 2, Known: knownIn(&sink), RevisitAge: 30 * 24 * time.Hour, Timeout: time.Second, Removed: k.removed}
			runTestCrawl(t, srv.URL, opts, sink.store)
			if sink.get(first) == nil || sink.get(second) == nil {
				t.Fatalf("first crawl archived %v", sink.urls)
			}
			site.setGone()
			_, sum := runTestCrawl(t, srv.URL, opts, sink.store)
			m, marked := k.get(second)
			if tt.wantAnswer == "" {
				if marked || len(k.m) > 0 {
					t.Errorf("marked %v; want none", k.m)
				}
				if tt.firstGone && sum.Removed.Held != 2 {
					t.Errorf("held %d answers; want the 2 of a site whose every revisit failed", sum.Removed.Held)
				}
				return
			}
			if !marked {
				t.Fatalf("%s not marked removed; summary %+v, errors %v", second, sum.Removed, sum.Errors)
			}
			if _, ok := k.get(first); ok {
				t.Errorf("%s marked removed: it answers", first)
			}
			if m.Status != tt.wantStatus || !strings.Contains(m.Answer, tt.wantAnswer) || m.Since.IsZero() || m.CaptureURL == "" {
				t.Errorf("mark %+v; want status %d, an answer saying %q, a time and the capture's URL", m, tt.wantStatus, tt.wantAnswer)
			}
			if sum.Removed.Recorded != 1 {
				t.Errorf("summary counts %d removed; want 1", sum.Removed.Recorded)
			}
		})
	}
}

// TestRemovedStillGone: a revisit of an article marked removed before that
// finds it gone again moves its mark on and counts it still gone, not
// newly removed, and its 404 is not counted again as a dead link.
func TestRemovedStillGone(t *testing.T) {
	var site removalSite
	srv := site.serve(t, func(w http.ResponseWriter, r *http.Request, _ func(string, string)) bool {
		if r.URL.Path != "/a/2.html" {
			return false
		}
		http.NotFound(w, r)
		return true
	})
	var sink staticSink
	var k marks
	known := func(u string) (Known, bool) {
		kn, ok := knownIn(&sink)(u)
		_, kn.Removed = k.get(u)
		return kn, ok
	}
	opts := Options{Workers: 2, Known: known, RevisitAge: 30 * 24 * time.Hour, Removed: k.removed}
	runTestCrawl(t, srv.URL, opts, sink.store)
	site.setGone()
	_, sum := runTestCrawl(t, srv.URL, opts, sink.store)
	if sum.Removed.Recorded != 1 || len(sum.DeadLinks) != 1 {
		t.Fatalf("second crawl: %+v removed, dead links %v; want 1 and 1", sum.Removed, sum.DeadLinks)
	}
	_, sum = runTestCrawl(t, srv.URL, opts, sink.store)
	if sum.Removed.Recorded != 0 || sum.Removed.StillGone != 1 || len(sum.DeadLinks) != 0 || sum.Errors[KindDeadLink] != 0 {
		t.Errorf("third crawl: %+v removed, dead links %v; want 1 still gone and no dead link", sum.Removed, sum.DeadLinks)
	}
}
