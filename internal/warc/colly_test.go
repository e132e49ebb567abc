package warc

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/gocolly/colly/v2"
)

// The crawler's integration: SetClient, SetRedirectHandler again, and the
// capture of a page known in OnResponse.
func TestCollyIntegration(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	rec := openT(t, Options{Dir: t.TempDir()})
	c := colly.NewCollector(colly.Async(true))
	c.SetClient(rec.Client())
	redirects := 0
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		redirects++
		return nil
	})
	c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 4})
	var mu sync.Mutex
	found := map[string]Capture{}
	c.OnResponse(func(r *colly.Response) {
		capt, ok := rec.Lookup(r.Request.URL.String())
		mu.Lock()
		defer mu.Unlock()
		if !ok {
			t.Errorf("OnResponse %s: no capture yet", r.Request.URL)
			return
		}
		found[r.Request.URL.String()] = capt
	})
	for _, p := range []string{"/", "/page/1", "/page/2", "/redirect", "/gz", "/chunked"} {
		c.Visit(srv.URL + p)
	}
	c.Wait()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if redirects != 1 {
		t.Errorf("redirect handler called %d times, want 1", redirects)
	}
	if len(found) != 6 {
		t.Errorf("captures found in OnResponse: %d, want 6", len(found))
	}
	checkIndex(t, rec.opts.Dir, readAll(t, rec.opts.Dir))
}
