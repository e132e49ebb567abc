package pipeline_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestBurstOnALaterRunsHomepage crawls the simulation, advances it a
// week and crawls again, as a weekly schedule does, with the 5xx burst of
// its flaky county (sitesim's "burst": the host's requests 21 to 26 answer
// 502, 503, 504) falling on the second run's homepage: between the runs
// the test asks the host's robots.txt as often as it takes for the
// second run's own robots.txt to be the host's 20th request. A later run
// asks a county little beyond its homepage, so all five attempts of the
// homepage (crawl.retries 4) fell inside the burst of six and the site
// was skipped for the run, its week's articles a week late (16 of 152
// new articles in a 300-site simulation with every extra; here the
// county's one). Every new article must be archived by the second run,
// with the archive's own crawl state and with a frontier shared in
// PostgreSQL.
func TestBurstOnALaterRunsHomepage(t *testing.T) {
	crawlBeside(t)
	t.Run("archive", func(t *testing.T) { crawlBeside(t); burstRuns(t, "") })
	t.Run("store", func(t *testing.T) { crawlBeside(t); burstRuns(t, pgtest.DSN(t)) })
}

func burstRuns(t *testing.T, store string) {
	const host, burstFrom = "www.ltwmw.gov.cn", 21
	now := time.Now().Truncate(time.Minute)
	var mu sync.Mutex
	var statuses []int // the host's answers, in order
	var homepage []int // its homepage's answers
	sim := sitesim.New(sitesim.Options{Seed: 9, Articles: 80, Now: now, Log: func(r sitesim.Request) {
		if r.Host != host {
			return
		}
		mu.Lock()
		statuses = append(statuses, r.Status)
		if r.Path == "/" {
			homepage = append(homepage, r.Status)
		}
		mu.Unlock()
	}})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	data := t.TempDir()
	cfg := pipelinetest.Config(srv.URL)
	cfg.Store = store
	ctx := context.Background()
	if _, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	asked := len(statuses)
	mu.Unlock()
	if asked >= burstFrom-1 {
		t.Fatalf("the first run asked %s %d times: its burst was spent before the second run (fewer articles, then)", host, asked)
	}
	proxy, _ := url.Parse(srv.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
	for range burstFrom - 2 - asked {
		resp, err := client.Get("http://" + host + "/robots.txt")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	mu.Lock()
	homepage = nil
	mu.Unlock()

	since := sim.Now()
	sim.Advance(7 * 24 * time.Hour)
	rep, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	t.Logf("second run: %d new articles, %d retried (%d past crawl.retries), skipped %v; %s's homepage answered %v",
		rep.Crawl.ArticlesNew, rep.Crawl.Retried, rep.Crawl.RetriedLonger, rep.Crawl.SkippedHosts, host, homepage)
	if len(homepage) < 2 || homepage[0] < 500 {
		t.Errorf("the burst did not fall on the second run's homepage (%v): the run asked the host something else first", homepage)
	}
	mu.Unlock()

	stored := map[string]*article.Article{}
	recordstest.EachOf(t, archive.AsIs{Data: data, Store: store}, func(a *article.Article) { stored[a.URL] = a })
	found, fresh, ofHost := 0, 0, 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed || tr.Published.Before(since.Add(-time.Minute)) {
			return true
		}
		fresh++
		if _, ok := stored[tr.URL]; ok {
			found++
		} else {
			t.Errorf("new article not archived: %s (%s)", tr.URL, tr.SiteName)
		}
		if u, err := url.Parse(tr.URL); err == nil && u.Host == host {
			ofHost++
		}
		return true
	})
	t.Logf("%d of %d new articles archived, %d of them %s's", found, fresh, ofHost, host)
	if ofHost == 0 {
		t.Errorf("no new article of %s in the week: the test shows nothing", host)
	}
}
