package metrics_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/wenming-archive/wenming/internal/metrics"
)

type archive struct {
	n   int
	err error
}

func (a archive) Len() (int, error) { return a.n, a.err }

// scrape reads the figures as Prometheus would.
func scrape(t *testing.T, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("the figures do not parse: %v", err)
	}
	return fams
}

// value is the value of the family's metric with these labels (nil: the
// only one).
func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	t.Helper()
	f, ok := fams[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
next:
	for _, m := range f.Metric {
		for _, l := range m.Label {
			if want, ok := labels[l.GetName()]; ok && want != l.GetValue() {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	t.Fatalf("no %s with %v", name, labels)
	return 0
}

// TestCrawlFigures: reports of a run are cumulative; the counters grow by
// what is new, across runs, and the gauges follow the running one.
func TestCrawlFigures(t *testing.T) {
	m := metrics.New(archive{n: 42})
	m.CrawlProgress(metrics.Crawl{Requests: 10, Pages: 8, Articles: 5, Errors: map[string]int64{"network": 1}, Queued: 100})
	m.CrawlProgress(metrics.Crawl{Requests: 25, Pages: 20, Articles: 12, Errors: map[string]int64{"network": 1, "http_5xx": 2}, Queued: 60})
	f := scrape(t, m)
	for name, want := range map[string]float64{
		"wenming_crawl_requests_total": 25, "wenming_crawl_pages_total": 20, "wenming_crawl_articles_total": 12,
		"wenming_crawl_queue_requests": 60, "wenming_crawl_running": 1, "wenming_archive_articles": 42,
	} {
		if got := value(t, f, name, nil); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if got := value(t, f, "wenming_crawl_errors_total", map[string]string{"kind": "http_5xx"}); got != 2 {
		t.Errorf("http_5xx errors = %v, want 2", got)
	}
	m.CrawlEnded(metrics.Crawl{Requests: 30, Pages: 24, Articles: 12, Queued: 0}, "ok")
	// A second run starts from zero in its own reports.
	m.CrawlProgress(metrics.Crawl{Requests: 4, Pages: 3, Articles: 1})
	m.CrawlEnded(metrics.Crawl{Requests: 4, Pages: 3, Articles: 1}, "failed")
	f = scrape(t, m)
	if got := value(t, f, "wenming_crawl_pages_total", nil); got != 27 {
		t.Errorf("pages over two runs = %v, want 27", got)
	}
	if got := value(t, f, "wenming_crawl_running", nil); got != 0 {
		t.Errorf("running after the runs = %v", got)
	}
	if ok, failed := value(t, f, "wenming_crawl_runs_total", map[string]string{"status": "ok"}), value(t, f, "wenming_crawl_runs_total", map[string]string{"status": "failed"}); ok != 1 || failed != 1 {
		t.Errorf("runs ok %v, failed %v", ok, failed)
	}
}

// TestInstrument: requests are counted by the route they matched (never
// the raw path) and their status.
func TestInstrument(t *testing.T) {
	m := metrics.New(archive{err: errors.New("locked")})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "none" {
			http.NotFound(w, r)
		}
	})
	h := m.Instrument(mux)
	for _, p := range []string{"/articles/a", "/articles/b", "/articles/none", "/elsewhere"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	f := scrape(t, m)
	if got := value(t, f, "wenming_http_requests_total", map[string]string{"route": "GET /articles/{id}", "code": "200"}); got != 2 {
		t.Errorf("200s of the article route = %v, want 2", got)
	}
	if got := value(t, f, "wenming_http_requests_total", map[string]string{"route": "GET /articles/{id}", "code": "404"}); got != 1 {
		t.Errorf("404s of the article route = %v, want 1", got)
	}
	if got := value(t, f, "wenming_http_requests_total", map[string]string{"route": "unmatched"}); got != 1 {
		t.Errorf("unmatched = %v, want 1", got)
	}
	for name := range f {
		if strings.Contains(name, "archive_articles") {
			t.Errorf("an archive that cannot be counted is reported: %s", name)
		}
	}
}
