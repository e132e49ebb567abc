package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/metrics"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/server"
)

type crawlJSON struct {
	Running         bool     `json:"running"`
	Job             string   `json:"job"`
	Started         *string  `json:"started"`
	Ended           *string  `json:"ended"`
	Status          string   `json:"status"`
	Pages           int64    `json:"pages"`
	ArticlesNew     int64    `json:"articles_new"`
	ArticlesUpdated int64    `json:"articles_updated"`
	Errors          int64    `json:"errors"`
	Queued          int      `json:"queued"`
	Percent         *float64 `json:"percent"`
	ETA             *string  `json:"eta"`
}

type statsJSON struct {
	Crawl   *crawlJSON `json:"crawl"`
	LastRun *struct {
		Trigger string `json:"trigger"`
		Status  string `json:"status"`
		Pages   int64  `json:"pages"`
	} `json:"last_run"`
}

// TestCrawlProgress: while a crawl reports its figures to the metrics,
// /api/stats and the home page show them, the page refreshing itself;
// when it ends, its outcome, and the page stops refreshing.
func TestCrawlProgress(t *testing.T) {
	m := metrics.New(nil)
	data := t.TempDir()
	srv, _ := newTestServerDir(t, testArticles(), func(o *server.Options) {
		o.Crawl = m.Live
		o.Runs = func() ([]runs.Run, error) { return runs.Read(data) }
	})

	// Before any crawl: nothing to tell.
	_, _, body := get(t, srv, "/api/stats")
	if st := decode[statsJSON](t, body); st.Crawl != nil || st.LastRun != nil {
		t.Errorf("no crawl yet, but %s", body)
	}
	if _, _, page := get(t, srv, "/"); strings.Contains(page, "采集") || strings.Contains(page, `http-equiv="refresh"`) {
		t.Error("the home page tells of a crawl before any")
	}

	started := time.Now().Add(-time.Minute)
	m.CrawlProgress(metrics.Crawl{Job: "nightly", Started: started, Requests: 300, Pages: 250, Articles: 120, New: 80, Updated: 7,
		Errors: map[string]int64{"network": 2, "http_5xx": 1}, Queued: 900})
	_, _, body = get(t, srv, "/api/stats")
	c := decode[statsJSON](t, body).Crawl
	if c == nil || !c.Running || c.Job != "nightly" || c.Pages != 250 || c.ArticlesNew != 80 || c.ArticlesUpdated != 7 ||
		c.Errors != 3 || c.Queued != 900 || c.Started == nil {
		t.Fatalf("running crawl: %s", body)
	}
	// 300 of 1,200 known requests in a minute: 25%, three minutes to go.
	if c.Percent == nil || *c.Percent != 25 || c.ETA == nil {
		t.Fatalf("progress: %s", body)
	}
	eta, err := time.Parse(time.RFC3339, *c.ETA)
	if err != nil || eta.Sub(time.Now().Add(3*time.Minute)).Abs() > 5*time.Second {
		t.Errorf("eta %v, want about three minutes from now", *c.ETA)
	}
	_, _, page := get(t, srv, "/")
	for _, want := range []string{`<meta http-equiv="refresh" content="10">`, "正在采集", "定时任务 nightly", "已抓取 <strong>250</strong> 个网页",
		"新文章 <strong>80</strong> 篇", "更新 <strong>7</strong> 篇", "出错 3 次", "队列中还有 900 个请求", "约 25%", "本页每 10 秒自动刷新"} {
		if !strings.Contains(page, want) {
			t.Errorf("home page while crawling lacks %q:\n%s", want, page)
		}
	}

	// Later figures replace earlier ones; the end keeps the last.
	m.CrawlProgress(metrics.Crawl{Job: "nightly", Started: started, Requests: 1000, Pages: 900, New: 300, Queued: 0})
	m.CrawlEnded(metrics.Crawl{Job: "nightly", Started: started, Requests: 1200, Pages: 1100, New: 320, Updated: 9}, "ok")
	if err := runs.Append(data, runs.Run{ID: "1", Trigger: "schedule:nightly", Started: started, Finished: time.Now(), Status: "ok", Pages: 1100, ArticlesNew: 320}); err != nil {
		t.Fatal(err)
	}
	_, _, body = get(t, srv, "/api/stats")
	st := decode[statsJSON](t, body)
	if c := st.Crawl; c == nil || c.Running || c.Status != "ok" || c.Pages != 1100 || c.ArticlesNew != 320 || c.Ended == nil || c.Percent != nil {
		t.Errorf("ended crawl: %s", body)
	}
	if st.LastRun == nil || st.LastRun.Trigger != "schedule:nightly" || st.LastRun.Pages != 1100 {
		t.Errorf("last run: %s", body)
	}
	_, _, page = get(t, srv, "/")
	if strings.Contains(page, `http-equiv="refresh"`) || !strings.Contains(page, "最近一次采集") || !strings.Contains(page, "完成：抓取 1,100 个网页") {
		t.Errorf("home page after the crawl:\n%s", page)
	}
}

// TestDateFilter: the date form's dates become since:/until: in the
// query (a redirect), the form shows the query's range, and a link clears
// it.
func TestDateFilter(t *testing.T) {
	srv := newTestServer(t, testArticles())
	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(srv.URL + "/search?q=" + url.QueryEscape("志愿 since:2020") + "&sort=-published&since=2023-01-01&until=2023-02-28")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := "/search?q=" + strings.ReplaceAll(url.QueryEscape("志愿 since:2023-01-01 until:2023-02-28"), "+", "%20") + "&sort=-published"
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("date form: %d to %q, want %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	_, _, body := get(t, srv, want)
	for _, s := range []string{"找到 <strong>2</strong> 篇文章", `name="since" value="2023-01-01"`, `name="until" value="2023-02-28"`, "清除日期",
		`href="/search?q=%E5%BF%97%E6%84%BF&amp;sort=-published"`} {
		if !strings.Contains(body, s) {
			t.Errorf("filtered page lacks %q", s)
		}
	}
	// A month or a year in the query shows as its first and last day.
	_, _, body = get(t, srv, "/search?q="+url.QueryEscape("since:2023-02 until:2023"))
	if !strings.Contains(body, `name="since" value="2023-02-01"`) || !strings.Contains(body, `name="until" value="2023-12-31"`) {
		t.Error("the form does not show since:2023-02 until:2023 as days")
	}
	if status, _, body := get(t, srv, "/search?q=x&since=yesterday"); status != 400 || !strings.Contains(body, "日期 &#34;yesterday&#34; 无效") {
		t.Errorf("bad date: %d", status)
	}
}

// TestDeadLinksAreNotErrors: the 404s a crawl meets (kind http_404, the
// links sites print to pages they do not have) are counted apart from its
// errors in /api/stats and on the home page, for the running crawl and
// for the last run of the log, as the crawl's summary and "wenming runs"
// count them.
func TestDeadLinksAreNotErrors(t *testing.T) {
	type figures struct {
		Errors    int64 `json:"errors"`
		DeadLinks int64 `json:"dead_links"`
	}
	for _, tc := range []struct {
		name   string
		byKind map[string]int64
		errs   int64
		dead   int64
		page   string
	}{
		{"dead links only", map[string]int64{"http_404": 18}, 0, 18, "出错 0 次，死链 18 个"},
		{"both", map[string]int64{"http_404": 5, "network": 2, "http_5xx": 1}, 3, 5, "出错 3 次，死链 5 个"},
		{"errors only", map[string]int64{"timeout": 4}, 4, 0, "出错 4 次"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			started := time.Now().Add(-time.Minute)

			// A crawl running in this process.
			m := metrics.New(nil)
			srv, _ := newTestServerDir(t, testArticles(), func(o *server.Options) { o.Crawl = m.Live })
			m.CrawlProgress(metrics.Crawl{Job: "nightly", Started: started, Requests: 300, Pages: 250, Errors: tc.byKind, Queued: 900})
			_, _, body := get(t, srv, "/api/stats")
			live := decode[struct{ Crawl *figures }](t, body)
			if live.Crawl == nil || live.Crawl.Errors != tc.errs || live.Crawl.DeadLinks != tc.dead {
				t.Errorf("running crawl: %s; want errors %d, dead_links %d", body, tc.errs, tc.dead)
			}
			if _, _, page := get(t, srv, "/"); !strings.Contains(page, tc.page) || tc.dead == 0 && strings.Contains(page, "死链") {
				t.Errorf("home page while crawling lacks %q (or tells of no dead links):\n%s", tc.page, page)
			}

			// The last run of the log.
			data := t.TempDir()
			srv, _ = newTestServerDir(t, testArticles(), func(o *server.Options) {
				o.Runs = func() ([]runs.Run, error) { return runs.Read(data) }
			})
			if err := runs.Append(data, runs.Run{ID: "1", Trigger: "crawl", Started: started, Finished: time.Now(), Status: "ok", Pages: 250, Errors: tc.byKind}); err != nil {
				t.Fatal(err)
			}
			_, _, body = get(t, srv, "/api/stats")
			last := decode[struct {
				LastRun *figures `json:"last_run"`
			}](t, body).LastRun
			if last == nil || last.Errors != tc.errs || last.DeadLinks != tc.dead {
				t.Errorf("last run: %s; want errors %d, dead_links %d", body, tc.errs, tc.dead)
			}
			if _, _, page := get(t, srv, "/"); !strings.Contains(page, tc.page) || tc.dead == 0 && strings.Contains(page, "死链") {
				t.Errorf("home page after the run lacks %q (or tells of no dead links):\n%s", tc.page, page)
			}
		})
	}
}
