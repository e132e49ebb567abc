package pipeline_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestMobileTwinFirstYieldsDesktopRecord: the record of an article with a
// mobile mirror is the desktop URL's even when the mobile page was
// archived first. The first crawl finds the desktop pages of EmpireCMS
// articles missing (404) and archives their mobile twins, which the
// index holds; the second finds the desktop pages, which take the
// records over: each ends a desktop record with its mobile URL as alias,
// and the index holds one document for it, under the desktop URL.
func TestMobileTwinFirstYieldsDesktopRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of the simulation")
	}
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 120, Calm: true})
	// desktop: the desktop URL of every article with a /m/ mirror, by its
	// mirror's URL.
	desktop := map[string]string{}
	hidden := map[string]bool{}   // host+path of the desktop pages
	mirrored := map[string]bool{} // hosts with a mobile mirror
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		for _, al := range tr.Aliases {
			if strings.Contains(al, "/m/") {
				desktop[al] = tr.URL
				hidden[strings.TrimPrefix(tr.URL, "http://")] = true
				mirrored[tr.Host] = true
			}
		}
		return true
	})
	if len(desktop) == 0 {
		t.Fatal("the simulation has no article with a mobile mirror")
	}
	var hide atomic.Bool
	hide.Store(true)
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case hide.Load() && hidden[r.Host+r.URL.Path]:
			http.NotFound(w, r)
		case mirrored[r.Host] && r.URL.Path == "/":
			// The home page links the mobile home too (the simulation's
			// mobile pages are linked from the desktop articles only).
			rec := httptest.NewRecorder()
			sim.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				if k != "Content-Length" {
					w.Header()[k] = v
				}
			}
			w.WriteHeader(rec.Code)
			w.Write(bytes.Replace(rec.Body.Bytes(), []byte("</body>"), []byte(`<a href="/m/">WAP</a></body>`), 1))
		default:
			sim.ServeHTTP(w, r)
		}
	}))
	ctx := context.Background()

	if _, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data)); err != nil {
		t.Fatal(err)
	}
	var mobileFirst []string // mobile URLs archived as records
	eachRecord(t, data, func(a *article.Article) {
		if desktop[a.URL] != "" {
			mobileFirst = append(mobileFirst, a.URL)
		}
	})
	if len(mobileFirst) == 0 {
		t.Fatal("the first crawl archived no mobile page as a record")
	}
	if docs := indexDocs(t, data, mobileFirst...); len(docs) != len(mobileFirst) {
		t.Fatalf("the index holds %d of the %d mobile records", len(docs), len(mobileFirst))
	}

	hide.Store(false)
	sim.Advance(24 * time.Hour)
	if _, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data)); err != nil {
		t.Fatal(err)
	}
	records := map[string]*article.Article{}
	eachRecord(t, data, func(a *article.Article) { records[a.URL] = a })
	var want []string
	for _, m := range mobileFirst {
		d := desktop[m]
		a := records[d]
		switch {
		case records[m] != nil:
			t.Errorf("%s is still a record of its own", m)
		case a == nil:
			t.Errorf("no record %s for the mobile page %s", d, m)
		case !slices.Contains(a.Aliases, m):
			t.Errorf("record %s: aliases %v, want %s among them", d, a.Aliases, m)
		case len(a.ViewHistory) < 2:
			t.Errorf("record %s: view history %v, want the mobile page's point and its own", d, a.ViewHistory)
		}
		want = append(want, d)
	}
	docs := indexDocs(t, data, append(slices.Clone(mobileFirst), want...)...)
	for _, m := range mobileFirst {
		if _, ok := docs[m]; ok {
			t.Errorf("the index still holds the document of %s, an alias now", m)
		}
	}
	for _, d := range want {
		if _, ok := docs[d]; !ok {
			t.Errorf("the index lacks the document of %s", d)
		}
	}
	ix := openIndex(t, data)
	defer ix.Close()
	if n, err := ix.Count(); err != nil || int(n) != len(records) {
		t.Errorf("the index holds %d documents (%v) for %d records", n, err, len(records))
	}
	t.Logf("%d records taken over from their mobile twins", len(mobileFirst))
}

// eachRecord calls fn with every record of the archive in data.
func eachRecord(t *testing.T, data string, fn func(*article.Article)) {
	t.Helper()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.ForEach(func(a *article.Article) error { fn(a); return nil }); err != nil {
		t.Fatal(err)
	}
}

// indexDocs returns which of ids the archive's index holds documents of.
func indexDocs(t *testing.T, data string, ids ...string) map[string]index.Hit {
	t.Helper()
	ix := openIndex(t, data)
	defer ix.Close()
	docs, err := ix.Get(context.Background(), ids...)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
