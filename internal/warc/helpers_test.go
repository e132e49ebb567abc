package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	nlnwa "github.com/nlnwa/gowarc/v3"
)

// dupPayload is served by two URLs: the second capture must be a revisit.
var dupPayload = strings.Repeat("<p>same text on two pages 文明</p>\n", 100)

// pageBody is a deterministic page of about size bytes, distinct per name.
func pageBody(name string, size int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>%s</title></head><body>\n", name)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<p>%s paragraph %d: 精神文明建设 %x</p>\n", name, i, i*7919)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// siteHandler serves the small test site.
func siteHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, pageBody("home", 3000))
	})
	mux.HandleFunc("/page/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, pageBody(r.URL.Path, 6000))
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page/target", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/dup1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, dupPayload)
	})
	mux.HandleFunc("/dup2", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, dupPayload)
	})
	mux.HandleFunc("/gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, pageBody("gzip", 4000))
		zw.Close()
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := range 5 {
			fmt.Fprintf(w, "<p>chunk %d %s</p>\n", i, strings.Repeat("x", 500))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// sitePaths are fetched by the recording tests, with the body each expects.
var sitePaths = []string{"/", "/page/1", "/page/2", "/redirect", "/missing", "/dup1", "/dup2", "/gz", "/chunked", "/empty"}

// fetch GETs url with c and returns the (decoded) body.
func fetch(t testing.TB, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp.StatusCode, string(b)
}

// warcFiles lists the finished WARC files of dir, sorted.
func warcFiles(t testing.TB, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(m)
	return m
}

// readRecord is what the tests keep of a record read by nlnwa.
type readRecord struct {
	file, typ, id, target, concurrent, payloadDigest, refersTo string
	offset, size                                               int64
	block                                                      []byte
}

// readAll reads and validates every record of every WARC file in dir with
// the independent nlnwa/gowarc reader, failing on any error or finding.
func readAll(t testing.TB, dir string) map[string][]readRecord {
	t.Helper()
	out := map[string][]readRecord{}
	for _, path := range warcFiles(t, dir) {
		r, err := nlnwa.NewWarcFileReader(path, 0, nlnwa.WithStrictValidation())
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		for rec, err := range r.Records() {
			if err != nil {
				t.Fatalf("%s: record at %d: %v", name, rec.Offset, err)
			}
			if len(rec.Validation) > 0 {
				t.Errorf("%s: record at %d: %v", name, rec.Offset, rec.Validation)
			}
			wr := rec.WarcRecord
			if v, err := wr.ValidateDigest(); err != nil || len(v) > 0 {
				t.Errorf("%s: record at %d (%s %s): digest: %v %v", name, rec.Offset, wr.Type(), wr.WarcHeader().Get(nlnwa.WarcTargetURI), err, v)
			}
			h := wr.WarcHeader()
			rr := readRecord{file: name, typ: wr.Type().String(), id: h.Get(nlnwa.WarcRecordID),
				target: h.Get(nlnwa.WarcTargetURI), concurrent: h.Get(nlnwa.WarcConcurrentTo),
				payloadDigest: h.Get(nlnwa.WarcPayloadDigest), refersTo: h.Get(nlnwa.WarcRefersTo), offset: rec.Offset, size: rec.Size}
			if raw, err := wr.Block().RawBytes(); err == nil {
				rr.block, _ = io.ReadAll(raw)
			}
			out[name] = append(out[name], rr)
			rec.Close()
		}
		r.Close()
	}
	return out
}

// memberAt decodes the single gzip member at off/length of file and parses
// it with nlnwa's unmarshaler.
func memberAt(t testing.TB, dir string, c Capture) nlnwa.WarcRecord {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, c.File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, c.Length)
	if _, err := f.ReadAt(buf, c.Offset); err != nil {
		t.Fatalf("%s at %d+%d: %v", c.File, c.Offset, c.Length, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("%s at %d: not a gzip member: %v", c.File, c.Offset, err)
	}
	zr.Multistream(false)
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s at %d+%d: member does not decode: %v", c.File, c.Offset, c.Length, err)
	}
	u := nlnwa.NewUnmarshaler(nlnwa.WithStrictValidation())
	rec, _, _, err := u.Unmarshal(bufioReader(data))
	if err != nil {
		t.Fatalf("%s at %d: %v", c.File, c.Offset, err)
	}
	return rec
}

// indexCaptures reads dir's index, failing on errors.
func indexCaptures(t testing.TB, dir string) []Capture {
	t.Helper()
	var cs []Capture
	for c, err := range ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

// checkIndex verifies that the index lists exactly the response and revisit
// records of the files, each at an offset/length that decodes to it.
func checkIndex(t testing.TB, dir string, recs map[string][]readRecord) []Capture {
	t.Helper()
	want := map[string]bool{}
	for file, rs := range recs {
		for _, r := range rs {
			if r.typ == "response" || r.typ == "revisit" {
				want[fmt.Sprintf("%s@%d", file, r.offset)] = true
			}
		}
	}
	cs := indexCaptures(t, dir)
	lines := make([]string, len(cs))
	for i, c := range cs {
		key := fmt.Sprintf("%s@%d", c.File, c.Offset)
		if !want[key] {
			t.Errorf("index entry %s (%s) is not a response/revisit record", key, c.URL)
		}
		delete(want, key)
		rec := memberAt(t, dir, c)
		if got := rec.WarcHeader().Get(nlnwa.WarcTargetURI); got != c.URL {
			t.Errorf("%s: record URI %s, index %s", key, got, c.URL)
		}
		if got := rec.Type().String(); (got == "revisit") != c.Revisit {
			t.Errorf("%s: record type %s, index revisit=%v", key, got, c.Revisit)
		}
		lines[i] = cdxjLine(c)
	}
	for k := range want {
		t.Errorf("record %s missing from the index", k)
	}
	if !sort.StringsAreSorted(lines) {
		t.Errorf("index not sorted")
	}
	return cs
}

func bufioReader(b []byte) *bufio.Reader { return bufio.NewReader(bytes.NewReader(b)) }
