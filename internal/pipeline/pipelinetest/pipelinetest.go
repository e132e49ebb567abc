// Package pipelinetest is test support for the tests that crawl the
// simulation (package sitesim) with the pipeline: the pipeline's own and
// those of what reads the archive a crawl writes (check, export, the
// commands). It serves the simulation on loopback and says once how a
// test crawls it: through its proxy interface, without the politeness
// delays a real site is given, retrying after milliseconds.
package pipelinetest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pipeline"
)

// Config is the default config (the real seeds) pointed at a simulation
// through its proxy interface at proxy, without politeness delays: two
// requests a host at a time, a 10-s timeout.
func Config(proxy string) config.Config {
	cfg := config.Default()
	cfg.Crawl.Proxy = proxy
	cfg.Crawl.Delay, cfg.Crawl.RandomDelay = 0, 0
	cfg.Crawl.PerHost = 2
	cfg.Crawl.Timeout = 10 * time.Second
	return cfg
}

// Options are those of a test crawl with cfg into the archive directory
// data: a failed request is retried after 10 ms, not seconds.
func Options(cfg config.Config, data string) pipeline.Options {
	return pipeline.Options{Config: cfg, Data: data, RetryBackoff: 10 * time.Millisecond}
}

// Serve serves sim (a simulation, or a handler wrapping one) on loopback
// until the test ends and returns the Config that crawls it.
func Serve(t testing.TB, sim http.Handler) config.Config {
	t.Helper()
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return Config(srv.URL)
}

// Crawl crawls sim, served on loopback, into the archive directory data
// with the Config edit changes (when not nil), and returns the crawl's
// report; an error fails the test.
func Crawl(t testing.TB, sim http.Handler, data string, edit func(*config.Config)) pipeline.Report {
	t.Helper()
	cfg := Serve(t, sim)
	if edit != nil {
		edit(&cfg)
	}
	rep, err := pipeline.Crawl(context.Background(), Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl of the simulation into %s: %v", data, err)
	}
	return rep
}
