package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// imagesSince returns the image requests (the uploads below each CMS's
// directory, all .jpg) log holds past its first n requests, and how many
// requests it holds now.
func imagesSince(log *requestLog, n int) ([]sitesim.Request, int) {
	all := log.all()
	var out []sitesim.Request
	for _, r := range all[n:] {
		if strings.HasSuffix(r.Path, ".jpg") {
			out = append(out, r)
		}
	}
	return out, len(all)
}

// TestCrawlCapturesImages crawls the simulation with crawl.capture_images
// off, then on, then on again: off, no image is asked for; on, the
// articles' images are fetched within robots.txt and the hierarchy, land
// in the WARC index and are counted; the next crawl asks for none of
// those again, the WARC index telling it they were captured.
func TestCrawlCapturesImages(t *testing.T) {
	crawlBeside(t)
	var log requestLog
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 60, Log: log.add})
	ctx := context.Background()

	cfg := pipelinetest.Serve(t, sim)
	if _, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, t.TempDir())); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	reqs, seen := imagesSince(&log, 0)
	if len(reqs) != 0 {
		t.Fatalf("capture_images off, yet %d image requests (%s%s …)", len(reqs), reqs[0].Host, reqs[0].Path)
	}

	cfg.Crawl.CaptureImages = true
	data := t.TempDir()
	rep, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	im := rep.Crawl.Images
	if im.Captured == 0 || im.OffScope != 0 || im.Failed != 0 {
		t.Fatalf("images %+v: want some captured, none off scope or failed", im)
	}
	indexed := indexedURLs(t, filepath.Join(data, archive.WARCDir))
	captured := map[string]bool{}
	reqs, seen = imagesSince(&log, seen)
	for _, r := range reqs {
		if r.Outside || r.Disallowed {
			t.Errorf("image request %s%s: outside %v, disallowed by robots.txt %v", r.Host, r.Path, r.Outside, r.Disallowed)
		}
		u := "http://" + r.Host + r.Path
		if captured[u] {
			t.Errorf("%s fetched twice in one run", u)
		}
		captured[u] = r.Status == 200
		if r.Status == 200 && !indexed[u] {
			t.Errorf("%s answered 200 but is not in the WARC index", u)
		}
	}
	if n := int64(len(captured)); n != im.Captured {
		t.Errorf("%d images fetched, the summary says %d captured", n, im.Captured)
	}
	if logged, err := runs.Read(data); err != nil || len(logged) != 1 || logged[0].ImagesCaptured != im.Captured {
		t.Errorf("the run log (%v) does not say the %d images captured: %+v", err, im.Captured, logged)
	}

	// The next crawl: a new archive that reads the first one's WARC
	// files (warc.read_dirs, as crawl workers sharing records do), so
	// that it archives every article again and meets every image.
	cfg.WARC.ReadDirs = []string{filepath.Join(data, archive.WARCDir)}
	rep2, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, t.TempDir()))
	if err != nil {
		t.Fatalf("second crawl: %v", err)
	}
	reqs, _ = imagesSince(&log, seen)
	for _, r := range reqs {
		if u := "http://" + r.Host + r.Path; captured[u] {
			t.Errorf("%s fetched again by the next crawl", u)
		}
	}
	if im2 := rep2.Crawl.Images; im2.Captured != 0 || im2.Earlier < im.Captured {
		t.Errorf("second crawl's images %+v: want the %d captured before left", im2, im.Captured)
	}
}
