package pipeline_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	nlnwa "github.com/nlnwa/gowarc/v3"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// validateWARCs reads every WARC file of dir with the independent
// nlnwa/gowarc reader (strict validation, block and payload digests) and
// returns the number of records.
func validateWARCs(t *testing.T, dir string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no WARC files in %s (%v)", dir, err)
	}
	n := 0
	for _, path := range files {
		r, err := nlnwa.NewWarcFileReader(path, 0, nlnwa.WithStrictValidation())
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				t.Fatalf("%s: record at %d: %v", filepath.Base(path), rec.Offset, err)
			}
			if len(rec.Validation) > 0 {
				t.Errorf("%s: record at %d: %v", filepath.Base(path), rec.Offset, rec.Validation)
			}
			if v, err := rec.WarcRecord.ValidateDigest(); err != nil || len(v) > 0 {
				t.Errorf("%s: record at %d: digest: %v %v", filepath.Base(path), rec.Offset, err, v)
			}
			n++
			rec.Close()
		}
		r.Close()
	}
	return n
}

// checkCapture checks that an article's capture pointer leads to a WARC
// response or revisit record of its URL.
func checkCapture(t *testing.T, dir string, a *article.Article) {
	t.Helper()
	c := a.Capture
	if c == nil {
		t.Errorf("%s: no capture recorded", a.URL)
		return
	}
	f, err := os.Open(filepath.Join(dir, c.File))
	if err != nil {
		t.Errorf("%s: capture file: %v", a.URL, err)
		return
	}
	defer f.Close()
	buf := make([]byte, c.Length)
	if _, err := f.ReadAt(buf, c.Offset); err != nil {
		t.Errorf("%s: capture %s@%d: %v", a.URL, c.File, c.Offset, err)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(buf))
	if err != nil {
		t.Errorf("%s: capture %s@%d is not a gzip member: %v", a.URL, c.File, c.Offset, err)
		return
	}
	zr.Multistream(false)
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Errorf("%s: capture does not decode: %v", a.URL, err)
		return
	}
	rec, _, _, err := nlnwa.NewUnmarshaler().Unmarshal(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		t.Errorf("%s: capture is not a WARC record: %v", a.URL, err)
		return
	}
	defer rec.Close()
	if typ := rec.Type(); typ != nlnwa.Response && typ != nlnwa.Revisit {
		t.Errorf("%s: capture is a %s record", a.URL, typ)
	}
	if got := rec.WarcHeader().Get(nlnwa.WarcTargetURI); got != a.URL {
		t.Errorf("%s: capture is of %s", a.URL, got)
	}
}

// indexedURLs is the set of URLs with a response or revisit in the CDXJ.
func indexedURLs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	m := map[string]bool{}
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatalf("read CDXJ: %v", err)
		}
		m[c.URL] = true
	}
	return m
}
