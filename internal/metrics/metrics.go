// Package metrics exposes wenming's figures in the Prometheus text format
// (github.com/prometheus/client_golang): the requests a server answers, by
// route and status, with their latency; the size of the archive, read when
// scraped; and the crawls a scheduler runs, live while one runs.
//
// A server mounts [Metrics.Handler] at /metrics and wraps its handler in
// [Metrics.Instrument]; a scheduler reports each run's figures with
// [Metrics.CrawlProgress] and [Metrics.CrawlEnded], which the web page
// reads back with [Metrics.Live]: one source of the figures.
package metrics

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Archive is what the metrics read of the archive when scraped.
type Archive interface {
	Len() (int, error) // articles archived
}

// Crawl is the live figures of a running crawl, as it reports them.
type Crawl struct {
	Job     string    // the scheduled job's name
	Started time.Time // when the run started

	Requests, Pages, Articles int64
	// New and Updated are the articles of Articles new to the archive and
	// changed since their last capture.
	New, Updated int64
	Errors       map[string]int64 // by kind (network, http_5xx …)
	Queued       int              // requests waiting
}

// Live is what a page says of the crawls: the running one's figures as
// of its last report, or the last one's that ended in this process.
type Live struct {
	Running bool
	Crawl   // figures; zero when no crawl ran in this process
	// Reported is when the figures were reported.
	Reported time.Time
	// Ended and Status are the end and status of the last crawl, when
	// none runs.
	Ended  time.Time
	Status string
}

// Progress estimates how far the running crawl is, from the requests made
// and the requests waiting: the share of the work known now that is done
// (the queue grows as pages reveal links, so it is a ceiling that can
// move back), and when the queue will be empty at the pace so far. ok is
// false while there is nothing to estimate from.
func (l Live) Progress() (done float64, eta time.Time, ok bool) {
	if !l.Running || l.Requests <= 0 || l.Reported.IsZero() || !l.Reported.After(l.Started) {
		return 0, time.Time{}, false
	}
	done = float64(l.Requests) / float64(l.Requests+int64(l.Queued))
	perRequest := l.Reported.Sub(l.Started) / time.Duration(l.Requests)
	return done, l.Reported.Add(perRequest * time.Duration(l.Queued)), true
}

// Metrics is one process's registry of figures.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec

	crawlRequests, crawlPages, crawlArticles prometheus.Counter
	crawlErrors                              *prometheus.CounterVec
	crawlQueued, crawlRunning                prometheus.Gauge
	runs                                     *prometheus.CounterVec

	mu       sync.Mutex
	last     Crawl     // the running crawl's figures at its last report
	reported time.Time // when last was reported
	running  bool
	ended    Live // the last crawl that ended
	now      func() time.Time
}

// New makes the registry; archive, when not nil, is counted at each scrape.
func New(archive Archive) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), now: time.Now}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wenming_http_requests_total", Help: "HTTP requests answered, by route and status code.",
	}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "wenming_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"route"})
	counter := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	}
	m.crawlRequests = counter("wenming_crawl_requests_total", "HTTP requests the crawls made (robots.txt and view counters included).")
	m.crawlPages = counter("wenming_crawl_pages_total", "Pages the crawls fetched with a 2xx answer.")
	m.crawlArticles = counter("wenming_crawl_articles_total", "Articles the crawls archived (new, updated, unchanged or found under another URL).")
	m.crawlErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wenming_crawl_errors_total", Help: "Failed fetches and writes of the crawls, by kind.",
	}, []string{"kind"})
	m.crawlQueued = prometheus.NewGauge(prometheus.GaugeOpts{Name: "wenming_crawl_queue_requests", Help: "Requests waiting in the running crawl's queue."})
	m.crawlRunning = prometheus.NewGauge(prometheus.GaugeOpts{Name: "wenming_crawl_running", Help: "1 while a crawl runs."})
	m.runs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "wenming_crawl_runs_total", Help: "Crawl runs ended, by status (ok, interrupted, failed).",
	}, []string{"status"})
	m.reg.MustRegister(m.requests, m.latency, m.crawlRequests, m.crawlPages, m.crawlArticles, m.crawlErrors,
		m.crawlQueued, m.crawlRunning, m.runs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if archive != nil {
		m.reg.MustRegister(archiveCollector{archive: archive, desc: prometheus.NewDesc(
			"wenming_archive_articles", "Articles in the archive.", nil, nil)})
	}
	return m
}

// Handler serves the figures in the Prometheus text format. A figure that
// cannot be read now (the archive changing hands) is left out of that
// scrape; the others are served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Instrument counts and times the requests h answers, by the route
// pattern the request matched (r.Pattern: a bounded set, never the raw
// path).
func (m *Metrics) Instrument(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// CrawlProgress reports the running crawl's figures so far (cumulative
// within the run): the counters grow by what is new since its last report.
func (m *Metrics) CrawlProgress(c Crawl) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.crawlRunning.Set(1)
	m.crawlRequests.Add(float64(max(0, c.Requests-m.last.Requests)))
	m.crawlPages.Add(float64(max(0, c.Pages-m.last.Pages)))
	m.crawlArticles.Add(float64(max(0, c.Articles-m.last.Articles)))
	for kind, n := range c.Errors {
		m.crawlErrors.WithLabelValues(kind).Add(float64(max(0, n-m.last.Errors[kind])))
	}
	m.crawlQueued.Set(float64(c.Queued))
	errs := make(map[string]int64, len(c.Errors))
	for k, v := range c.Errors {
		errs[k] = v
	}
	c.Errors = errs
	if c.Started.IsZero() {
		c.Started = m.last.Started
	}
	m.last, m.reported, m.running = c, m.now(), true
}

// Live returns the running crawl's figures, or the last ended crawl's.
func (m *Metrics) Live() Live {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.running {
		return m.ended
	}
	c := m.last
	c.Errors = make(map[string]int64, len(m.last.Errors))
	for k, v := range m.last.Errors {
		c.Errors[k] = v
	}
	return Live{Running: true, Crawl: c, Reported: m.reported}
}

// CrawlEnded reports the end of the running crawl with its last figures
// and its status.
func (m *Metrics) CrawlEnded(c Crawl, status string) {
	m.CrawlProgress(c)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ended = Live{Crawl: m.last, Reported: m.reported, Ended: m.now(), Status: status}
	m.last, m.running = Crawl{}, false
	m.crawlRunning.Set(0)
	m.runs.WithLabelValues(status).Inc()
}

// archiveCollector reads the archive's size at each scrape.
type archiveCollector struct {
	archive Archive
	desc    *prometheus.Desc
}

func (c archiveCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c archiveCollector) Collect(ch chan<- prometheus.Metric) {
	n, err := c.archive.Len()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n))
}

// statusWriter keeps the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
