package export_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	nlnwa "github.com/nlnwa/gowarc/v3"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
	"github.com/wenming-archive/wenming/internal/warc"
)

type cdxjEntry struct {
	surt, ts string
	URL      string `json:"url"`
	Mime     string `json:"mime"`
	Status   string `json:"status"`
	Digest   string `json:"digest"`
	Length   string `json:"length"`
	Offset   string `json:"offset"`
	Filename string `json:"filename"`
}

func readCDXJ(t *testing.T, path string) []cdxjEntry {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []cdxjEntry
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if !sort.StringsAreSorted(lines) {
		t.Errorf("%s is not sorted", path)
	}
	for _, l := range lines {
		if l == "" {
			continue
		}
		parts := strings.SplitN(l, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("bad CDXJ line %q", l)
		}
		e := cdxjEntry{surt: parts[0], ts: parts[1]}
		if err := json.Unmarshal([]byte(parts[2]), &e); err != nil {
			t.Fatalf("bad CDXJ line %q: %v", l, err)
		}
		if e.surt != warc.SURT(e.URL) {
			t.Errorf("key %s, want %s", e.surt, warc.SURT(e.URL))
		}
		out = append(out, e)
	}
	return out
}

// TestWARCExport exports the captures of a crawled archive and checks the
// file with the independent nlnwa/gowarc reader (strict validation, block
// and payload digests) and its CDXJ index against the records.
func TestWARCExport(t *testing.T) {
	data := crawledArchive(t)
	arts := storedArticles(t, data)
	out := t.TempDir()
	warcPath := filepath.Join(out, "export.warc.gz")
	f, err := os.Create(warcPath)
	if err != nil {
		t.Fatal(err)
	}
	var cdxj bytes.Buffer
	rep, err := export.WARC(context.Background(), f, &cdxj, sliceSource(arts), export.WARCOptions{
		Dir: filepath.Join(data, "warc"), Name: "export.warc.gz", TempDir: out,
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles: %+v", len(arts), rep)
	if rep.Articles != len(arts) || rep.NoCapture != 0 || rep.Unresolved != 0 {
		t.Errorf("report %+v for %d articles", rep, len(arts))
	}
	if err := os.WriteFile(filepath.Join(out, "export.cdxj"), cdxj.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// Read every record with nlnwa's strict reader.
	r, err := nlnwa.NewWarcFileReader(warcPath, 0, nlnwa.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	type rec struct{ typ, target, id, refersTo string }
	byOffset := map[int64]rec{}
	ids := map[string]bool{}
	var order []string
	for wr, err := range r.Records() {
		if err != nil {
			t.Fatalf("record at %d: %v", wr.Offset, err)
		}
		if len(wr.Validation) > 0 {
			t.Errorf("record at %d: %v", wr.Offset, wr.Validation)
		}
		if v, err := wr.WarcRecord.ValidateDigest(); err != nil || len(v) > 0 {
			t.Errorf("record at %d: digest %v %v", wr.Offset, err, v)
		}
		h := wr.WarcRecord.WarcHeader()
		x := rec{typ: wr.WarcRecord.Type().String(), target: h.Get(nlnwa.WarcTargetURI), id: h.Get(nlnwa.WarcRecordID),
			refersTo: h.Get(nlnwa.WarcRefersToTargetURI) + " " + h.Get(nlnwa.WarcRefersToDate)}
		if ids[x.id] {
			t.Errorf("record %s twice", x.id)
		}
		ids[x.id] = true
		byOffset[wr.Offset] = x
		order = append(order, x.typ)
		wr.Close()
	}
	if len(order) == 0 || order[0] != "warcinfo" {
		t.Fatalf("first record %v, want warcinfo", order[:min(1, len(order))])
	}
	if len(order) != rep.Records {
		t.Errorf("%d records read, report says %d", len(order), rep.Records)
	}

	// The CDXJ index names every response and revisit record, at an offset
	// and length that decode to it.
	entries := readCDXJ(t, filepath.Join(out, "export.cdxj"))
	raw, err := os.ReadFile(warcPath)
	if err != nil {
		t.Fatal(err)
	}
	indexed := map[int64]bool{}
	revisits := 0
	for _, e := range entries {
		off, _ := strconv.ParseInt(e.Offset, 10, 64)
		n, _ := strconv.ParseInt(e.Length, 10, 64)
		x, ok := byOffset[off]
		switch {
		case !ok:
			t.Errorf("index entry %s at %d is not a record", e.URL, off)
			continue
		case x.target != e.URL || e.Filename != "export.warc.gz":
			t.Errorf("index entry %s %s at %d: record is %s", e.URL, e.Filename, off, x.target)
		case (x.typ == "revisit") != (e.Mime == "warc/revisit"):
			t.Errorf("index entry %s: mime %s for a %s record", e.URL, e.Mime, x.typ)
		case e.Status != "200" && x.typ == "response":
			t.Errorf("index entry %s: status %s", e.URL, e.Status)
		}
		if x.typ == "revisit" {
			revisits++
		}
		indexed[off] = true
		zr, err := gzip.NewReader(bytes.NewReader(raw[off : off+n]))
		if err != nil {
			t.Fatalf("%s at %d+%d: %v", e.URL, off, n, err)
		}
		zr.Multistream(false)
		member, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s at %d+%d: %v", e.URL, off, n, err)
		}
		u := nlnwa.NewUnmarshaler(nlnwa.WithStrictValidation())
		wr, _, _, err := u.Unmarshal(bufio.NewReader(bytes.NewReader(member)))
		if err != nil || wr.WarcHeader().Get(nlnwa.WarcTargetURI) != e.URL {
			t.Errorf("%s at %d+%d does not decode to its record: %v", e.URL, off, n, err)
		}
	}
	for off, x := range byOffset {
		if (x.typ == "response" || x.typ == "revisit") && !indexed[off] {
			t.Errorf("%s record of %s at %d is not in the index", x.typ, x.target, off)
		}
	}
	// Every article's URL is in the file; each revisit's original too.
	urls := map[string]bool{}
	for _, e := range entries {
		urls[e.URL+" "+e.ts] = true
		urls[e.URL] = true
	}
	for _, a := range arts {
		if !urls[a.URL] { // the simulation's article URLs are the fetched URLs
			t.Errorf("article %s has no record in the export", a.URL)
		}
	}
	for _, x := range byOffset {
		if x.typ != "revisit" {
			continue
		}
		refURI, refDate, _ := strings.Cut(x.refersTo, " ")
		found := false
		for _, y := range byOffset {
			if y.typ == "response" && y.target == refURI {
				found = true
			}
		}
		if !found {
			t.Errorf("revisit of %s refers to %s %s, not in the file", x.target, refURI, refDate)
		}
	}
	t.Logf("%d records, %d index entries, %d revisits, %d originals", len(order), len(entries), revisits, rep.Originals)
	if revisits == 0 {
		t.Log("note: the crawl made no revisit records; revisit resolution untested here")
	}
}

func TestWARCNoCapture(t *testing.T) {
	arts := samples() // captures point at files that do not exist
	var w, cdxj bytes.Buffer
	rep, err := export.WARC(context.Background(), &w, &cdxj, sliceSource(arts), export.WARCOptions{Dir: t.TempDir(), Name: "x.warc.gz"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 0 || rep.NoCapture != len(arts) || rep.Records != 1 || cdxj.Len() != 0 {
		t.Errorf("report %+v, index %q", rep, cdxj.String())
	}
}

// TestWARCSpill forces the CDXJ sort onto disk and checks the merged order.
func TestWARCSpill(t *testing.T) {
	var lines []string
	for i := range 5000 {
		lines = append(lines, fmt.Sprintf("cn,x)/%05d 2024 {}", (i*7919)%5000))
	}
	got := export.SortLinesForTest(t.TempDir(), 4096, lines)
	if len(got) != len(lines) || !sort.StringsAreSorted(got) {
		t.Fatalf("%d lines, sorted %v", len(got), sort.StringsAreSorted(got))
	}
}

// TestWARCRevisit exports an article whose capture is a revisit record:
// the response it refers to comes along, once, even when asked for twice.
func TestWARCRevisit(t *testing.T) {
	payload := strings.Repeat("<p>同一正文 same text on two pages</p>\n", 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, payload)
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "warc")
	rec, err := warc.Open(warc.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/a", "/b", "/c"} {
		resp, err := rec.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	caps := map[string]warc.Capture{}
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		caps[strings.TrimPrefix(c.URL, srv.URL)] = c
	}
	if !caps["/b"].Revisit || !caps["/c"].Revisit || caps["/a"].Revisit {
		t.Fatalf("captures %+v: want /a a response, /b and /c revisits", caps)
	}
	art := func(p string) *article.Article {
		c := caps[p]
		return &article.Article{URL: srv.URL + p, Capture: &article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time}}
	}
	out := t.TempDir()
	warcPath := filepath.Join(out, "r.warc.gz")
	var w, cdxj bytes.Buffer
	rep, err := export.WARC(context.Background(), &w, &cdxj, sliceSource([]*article.Article{art("/b"), art("/c"), art("/a")}),
		export.WARCOptions{Dir: dir, Name: "r.warc.gz"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 3 || rep.Originals != 1 || rep.Unresolved != 0 || rep.Records != 4 {
		t.Errorf("report %+v: want 3 articles, 1 original, warcinfo + 3 records", rep)
	}
	os.WriteFile(warcPath, w.Bytes(), 0o644)
	os.WriteFile(filepath.Join(out, "r.cdxj"), cdxj.Bytes(), 0o644)
	r, err := nlnwa.NewWarcFileReader(warcPath, 0, nlnwa.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	for wr, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		if len(wr.Validation) > 0 {
			t.Errorf("record at %d: %v", wr.Offset, wr.Validation)
		}
		types = append(types, wr.WarcRecord.Type().String()+" "+strings.TrimPrefix(wr.WarcRecord.WarcHeader().Get(nlnwa.WarcTargetURI), srv.URL))
		wr.Close()
	}
	if got := strings.Join(types, ", "); got != "warcinfo , revisit /b, response /a, revisit /c" {
		t.Errorf("records: %s", got)
	}
	if n := len(readCDXJ(t, filepath.Join(out, "r.cdxj"))); n != 3 {
		t.Errorf("%d index entries, want 3", n)
	}
}
