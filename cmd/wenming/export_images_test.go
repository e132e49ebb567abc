package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/config"
)

// TestExportCopiesImages exports an archive crawled with
// crawl.capture_images as WARC and WACZ: with --images yes the articles'
// image captures go into the file and its index beside the articles', so
// a replay of the export shows them; without it (and a config that does
// not capture images) only the articles' own captures do.
func TestExportCopiesImages(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the simulation")
	}
	data, rep := simArchiveWith(t, 40, func(cfg *config.Config) { cfg.Crawl.CaptureImages = true })
	if rep.Crawl.Images.Captured == 0 {
		t.Fatalf("the crawl captured no images: %+v", rep.Crawl.Images)
	}
	out := t.TempDir()
	imageLines := func(cdxj string) int {
		n := 0
		for _, l := range strings.Split(cdxj, "\n") {
			if strings.Contains(l, `"mime": "image/`) || strings.Contains(l, `"mime":"image/`) {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		images string
		want   bool
	}{{"yes", true}, {"", false}, {"no", false}} {
		args := []string{"export", "--data", data, "--format", "warc", "-o", filepath.Join(out, "x"+tc.images+".warc.gz")}
		if tc.images != "" {
			args = append(args, "--images", tc.images)
		}
		code, _, errOut := wenming(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		idx, err := os.ReadFile(filepath.Join(out, "x"+tc.images+".cdxj"))
		if err != nil {
			t.Fatal(err)
		}
		switch n := imageLines(string(idx)); {
		case tc.want && int64(n) != rep.Crawl.Images.Captured:
			t.Errorf("--images %s: %d image captures in the export, the crawl captured %d", tc.images, n, rep.Crawl.Images.Captured)
		case !tc.want && n != 0:
			t.Errorf("--images %q: %d image captures in the export, want none", tc.images, n)
		}
		if tc.want && !strings.Contains(errOut, "captures of the articles' images") {
			t.Errorf("--images %s: the summary does not count the images: %s", tc.images, errOut)
		}
	}

	wacz := filepath.Join(out, "x.wacz")
	if code, _, errOut := wenming(t, "export", "--data", data, "--format", "wacz", "-o", wacz, "--images", "yes"); code != exitOK {
		t.Fatalf("wacz: exit %d: %s", code, errOut)
	}
	zr, err := zip.OpenReader(wacz)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("indexes/index.cdxj")
	if err != nil {
		t.Fatal(err)
	}
	idx, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if n := imageLines(string(idx)); int64(n) != rep.Crawl.Images.Captured {
		t.Errorf("wacz: %d image captures in its index, the crawl captured %d", n, rep.Crawl.Images.Captured)
	}

	for _, bad := range [][]string{{"--format", "jsonl", "--images", "yes"}, {"--format", "warc", "-o", filepath.Join(out, "y.warc.gz"), "--images", "maybe"}} {
		if code, _, _ := wenming(t, append([]string{"export", "--data", data}, bad...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want a usage error", bad, code)
		}
	}
}
