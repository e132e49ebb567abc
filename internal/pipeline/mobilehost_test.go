package pipeline_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestSimMobileHost crawls the simulation with a county that serves a
// mobile edition on a host of its own (sitesim.ExtraMobileHost: the same
// articles at m.<domain>, a lighter page with no column and no view
// count, linked 手机版 from the desktop pages). Each article ends one
// record under its desktop URL with the mobile URL as an alias, the
// desktop page's column and view count, in its county's lineage; the
// mobile host is no site of the hierarchy. Both orders are met: a crawl
// that finds the desktop pages first, and one whose first pass finds the
// desktop articles missing (404) and archives their mobile pages, the
// desktop pages taking the records over on the next pass. Before, the
// mobile host was out of scope: its URLs were never fetched, so no
// record knew its mobile URL.
func TestSimMobileHost(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of the simulation")
	}
	for _, mobileFirst := range []bool{false, true} {
		name := map[bool]string{false: "desktop first", true: "mobile first"}[mobileFirst]
		t.Run(name, func(t *testing.T) { crawlMobileHost(t, mobileFirst) })
	}
}

func crawlMobileHost(t *testing.T, mobileFirst bool) {
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: 200, Calm: true, Extras: []string{sitesim.ExtraMobileHost}})
	var truths []sitesim.Truth
	mobileOf := map[string]string{}
	desktopPath := map[string]bool{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		for _, al := range tr.Aliases {
			if u, err := url.Parse(al); err == nil && u.Host != tr.Host {
				truths = append(truths, tr)
				mobileOf[tr.URL] = al
				desktopPath[tr.Host+u.Path] = true
			}
		}
		return true
	})
	if len(truths) == 0 {
		t.Fatal("no article of the simulation has a mobile URL")
	}
	county := truths[0].Host
	var hide atomic.Bool
	hide.Store(mobileFirst)
	var mobileRequests atomic.Int64
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, err := url.Parse(mobileOf[truths[0].URL]); err == nil && r.Host == u.Host {
			mobileRequests.Add(1)
		}
		if hide.Load() && desktopPath[r.Host+r.URL.Path] {
			http.NotFound(w, r)
			return
		}
		sim.ServeHTTP(w, r)
	}))
	cfg.Crawl.PerHost = 1
	ctx := context.Background()
	rep, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatal(err)
	}
	if mobileFirst {
		n := 0
		eachRecord(t, data, func(a *article.Article) {
			if slices.ContainsFunc(truths, func(tr sitesim.Truth) bool { return mobileOf[tr.URL] == a.URL }) {
				n++
			}
		})
		if n == 0 {
			t.Fatal("the first pass archived no mobile page")
		}
		t.Logf("first pass: %d mobile pages archived as records", n)
		hide.Store(false)
		sim.Advance(24 * time.Hour)
		if rep, err = pipeline.Crawl(ctx, pipelinetest.Options(cfg, data)); err != nil {
			t.Fatal(err)
		}
	}
	if mobileRequests.Load() == 0 {
		t.Error("no request reached the mobile host")
	}
	records := map[string]*article.Article{}
	eachRecord(t, data, func(a *article.Article) { records[a.URL] = a })
	for _, tr := range truths {
		m := mobileOf[tr.URL]
		a := records[tr.URL]
		switch {
		case records[m] != nil:
			t.Errorf("the mobile page %s is a record of its own", m)
		case a == nil:
			t.Errorf("no record %s", tr.URL)
		case !slices.Contains(a.Aliases, m):
			t.Errorf("record %s: aliases %v, want %s among them", tr.URL, a.Aliases, m)
		case a.Column != tr.Column:
			t.Errorf("record %s: column %q, want the desktop page's %q", tr.URL, a.Column, tr.Column)
		case a.Views == nil:
			t.Errorf("record %s: no view count, want the desktop page's", tr.URL)
		case string(a.PublishedPrecision) != tr.Precision:
			t.Errorf("record %s: published to the %s, want the desktop page's %s", tr.URL, a.PublishedPrecision, tr.Precision)
		case a.Site != county || len(a.Lineage) != len(tr.LineageHosts) || a.Lineage[len(a.Lineage)-1].Host != county:
			t.Errorf("record %s: site %s, lineage %v, want %s's", tr.URL, a.Site, a.Lineage, county)
		}
	}
	levels := map[article.Level]int{}
	for _, s := range sim.Sites() {
		levels[article.Level(s.Level)]++
	}
	for l, n := range levels {
		if got := rep.Crawl.Sites[l]; got != n {
			t.Errorf("%d %s sites, want %d", got, l, n)
		}
	}
	t.Logf("%d articles with a mobile URL, %d requests to the mobile host, %d records", len(truths), mobileRequests.Load(), len(records))
}
