package crawl

import (
	"context"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/warc"
)

// crawlRecorded crawls srvURL through a WARC recorder writing into dir
// (a new frontier each time) with opts, an earlier run's captures known
// from dir's WARC index as the pipeline knows them, and returns the
// summary once the WARC files are closed and indexed.
func crawlRecorded(t *testing.T, srvURL, dir string, opts Options, sink Sink) Summary {
	t.Helper()
	rec, err := warc.Open(warc.Options{Dir: dir, Proxy: srvURL})
	if err != nil {
		t.Fatal(err)
	}
	opts.Transport, opts.StateDir = rec.Transport(), t.TempDir()
	opts.CapturedBefore = func(u string) bool {
		_, _, ok, err := warc.FindURLIn([]string{dir}, u)
		return err == nil && ok
	}
	c, _ := newTestCrawler(t, srvURL, t.TempDir(), opts, sink)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if cerr := rec.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return sum
}
