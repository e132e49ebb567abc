package export_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nlnwa "github.com/nlnwa/gowarc/v3"

	"github.com/wenming-archive/wenming/internal/export"
)

// waczIndexLines returns the lines of the package's CDXJ index, sorted:
// index.cdxj, or the ZipNum pair index.cdx.gz and index.idx, checked to be
// consistent. Each line of index.idx after its "!meta" header names a
// block of index.cdx.gz: the blocks follow each other from offset 0 to the
// end of the file, each one gzip member whose sha256 is the one given and
// whose first line starts with the key of its line; every block but the
// last holds as many lines as the first; the keys and all the lines are in
// order.
func waczIndexLines(t *testing.T, files map[string]*zip.File, read func(string) []byte) []string {
	t.Helper()
	_, plain := files[export.WACZIndexPath]
	_, zipnum := files[export.WACZZipNumPath]
	_, idxFound := files[export.WACZIdxPath]
	var lines []string
	switch {
	case plain && (zipnum || idxFound):
		t.Fatalf("the package holds index.cdxj and a ZipNum index")
	case plain:
		lines = strings.Split(strings.TrimSuffix(string(read(export.WACZIndexPath)), "\n"), "\n")
	case zipnum && idxFound:
		lines = zipNumLines(t, read(export.WACZIdxPath), read(export.WACZZipNumPath))
	default:
		t.Fatalf("no index: neither index.cdxj nor the pair index.cdx.gz and index.idx")
	}
	for i := 1; i < len(lines); i++ {
		if lines[i-1] > lines[i] {
			t.Fatalf("index not sorted: %q before %q", lines[i-1], lines[i])
		}
	}
	return lines
}

// zipNumLines checks a ZipNum pair and returns the lines of its blocks.
func zipNumLines(t *testing.T, idx, data []byte) []string {
	t.Helper()
	idxLines := strings.Split(strings.TrimSuffix(string(idx), "\n"), "\n")
	meta, ok := strings.CutPrefix(idxLines[0], "!meta 0 ")
	var m export.ZipNumMeta
	if !ok || json.Unmarshal([]byte(meta), &m) != nil || m.Format != "cdxj-gzip-1.0" || m.Filename != "index.cdx.gz" {
		t.Fatalf("index.idx header %q", idxLines[0])
	}
	if len(idxLines) < 2 {
		t.Fatal("index.idx lists no block")
	}
	var (
		lines     []string
		next      int64
		blockSize int
		prevKey   string
	)
	for i, l := range idxLines[1:] {
		key, js, ok := strings.Cut(l, " {")
		var b export.ZipNumBlock
		if !ok || json.Unmarshal([]byte("{"+js), &b) != nil {
			t.Fatalf("index.idx line %q", l)
		}
		if b.Filename != m.Filename || b.Offset != next || b.Length <= 0 || b.Offset+b.Length > int64(len(data)) {
			t.Fatalf("index.idx line %q: want a block of %s at offset %d within its %d bytes", l, m.Filename, next, len(data))
		}
		if key < prevKey {
			t.Errorf("index.idx keys out of order: %q after %q", key, prevKey)
		}
		prevKey = key
		member := data[b.Offset : b.Offset+b.Length]
		next += b.Length
		if sum := sha256.Sum256(member); b.Digest != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("block at %d: digest %s, is sha256:%x", b.Offset, b.Digest, sum)
		}
		br := bytes.NewReader(member) // a ByteReader: gzip reads no further than the member
		zr, err := gzip.NewReader(br)
		if err != nil {
			t.Fatalf("block at %d: %v", b.Offset, err)
		}
		zr.Multistream(false)
		text, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("block at %d: %v", b.Offset, err)
		}
		if br.Len() != 0 {
			t.Errorf("block at %d: %d bytes after its gzip member", b.Offset, br.Len())
		}
		block := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
		if !strings.HasPrefix(block[0], key+" {") {
			t.Errorf("block at %d starts with %q, its index.idx key is %q", b.Offset, block[0], key)
		}
		if i == 0 {
			blockSize = len(block)
		} else if len(block) > blockSize || (len(block) < blockSize && i < len(idxLines)-2) {
			t.Errorf("block %d holds %d lines, the first %d", i, len(block), blockSize)
		}
		lines = append(lines, block...)
	}
	if next != int64(len(data)) {
		t.Errorf("the blocks cover %d bytes of the %d of index.cdx.gz", next, len(data))
	}
	return lines
}

// validateWACZ checks a WACZ file as py-wacz's validate does, and more:
// the files the specification requires; datapackage.json (profile,
// version, every resource present with its sha256 and size);
// datapackage-digest.json; the WARC stored uncompressed in the zip and
// every record of it read by an independent reader (nlnwa/gowarc, strict);
// the CDXJ index pointing at records of that WARC; pages.jsonl with its
// header and a page for each URL it lists, each in the index. It returns
// the pages.
func validateWACZ(t *testing.T, path string) []export.WACZPage {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string) []byte {
		t.Helper()
		f, ok := files[name]
		if !ok {
			t.Fatalf("%s: no %s in the package", path, name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return b
	}
	hashOf := func(b []byte) string {
		s := sha256.Sum256(b)
		return "sha256:" + hex.EncodeToString(s[:])
	}

	pkgRaw := read(export.WACZPackage)
	var pkg export.WACZDataPackage
	if err := json.Unmarshal(pkgRaw, &pkg); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	if pkg.Profile != "data-package" || pkg.WACZVersion != "1.1.1" || pkg.Created == "" || pkg.Software == "" {
		t.Errorf("datapackage.json: %+v", pkg)
	}
	var digest export.WACZDigest
	if err := json.Unmarshal(read(export.WACZDigestPath), &digest); err != nil || digest.Path != export.WACZPackage || digest.Hash != hashOf(pkgRaw) {
		t.Errorf("datapackage-digest.json: %+v %v, want the hash %s", digest, err, hashOf(pkgRaw))
	}
	listed := map[string]bool{}
	for _, r := range pkg.Resources {
		listed[r.Path] = true
		b := read(r.Path)
		if r.Hash != hashOf(b) || r.Bytes != int64(len(b)) {
			t.Errorf("%s: listed as %s, %d bytes; is %s, %d bytes", r.Path, r.Hash, r.Bytes, hashOf(b), len(b))
		}
	}
	for _, want := range []string{export.WACZWARCPath, export.WACZPagesPath} {
		if !listed[want] {
			t.Errorf("datapackage.json does not list %s", want)
		}
	}
	for name, f := range files {
		if (strings.HasPrefix(name, "archive/") || name == export.WACZZipNumPath) && f.Method != zip.Store {
			t.Errorf("%s is compressed in the zip (method %d), want stored", name, f.Method)
		}
		if !listed[name] && name != export.WACZPackage && name != export.WACZDigestPath {
			t.Errorf("%s is in the zip but not in datapackage.json", name)
		}
	}

	// The WARC, read by an independent reader.
	warcFile := filepath.Join(t.TempDir(), "data.warc.gz")
	warcRaw := read(export.WACZWARCPath)
	if err := os.WriteFile(warcFile, warcRaw, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := nlnwa.NewWarcFileReader(warcFile, 0, nlnwa.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	targets := map[int64]string{}
	for wr, err := range r.Records() {
		if err != nil {
			t.Fatalf("WARC record at %d: %v", wr.Offset, err)
		}
		if len(wr.Validation) > 0 {
			t.Errorf("WARC record at %d: %v", wr.Offset, wr.Validation)
		}
		targets[wr.Offset] = wr.WarcRecord.WarcHeader().Get(nlnwa.WarcTargetURI)
		wr.Close()
	}

	// The index points at those records.
	indexed := map[string]bool{}
	for _, line := range waczIndexLines(t, files, read) {
		parts := strings.SplitN(line, " ", 3)
		var e struct {
			URL, Filename  string
			Offset, Length json.Number
		}
		if len(parts) != 3 || json.Unmarshal([]byte(parts[2]), &e) != nil {
			t.Fatalf("bad CDXJ line %q", line)
		}
		off, _ := e.Offset.Int64()
		if e.Filename != "data.warc.gz" || targets[off] != e.URL {
			t.Errorf("CDXJ line for %s points at %s offset %d, where the record is %q", e.URL, e.Filename, off, targets[off])
		}
		indexed[e.URL] = true
	}

	// pages.jsonl: its header, then pages that replay.
	lines := strings.Split(strings.TrimSpace(string(read(export.WACZPagesPath))), "\n")
	var header map[string]string
	if json.Unmarshal([]byte(lines[0]), &header) != nil || header["format"] != "json-pages-1.0" {
		t.Errorf("pages.jsonl header %q", lines[0])
	}
	var pages []export.WACZPage
	for _, l := range lines[1:] {
		var p export.WACZPage
		if err := json.Unmarshal([]byte(l), &p); err != nil || p.URL == "" || p.TS == "" || p.ID == "" {
			t.Errorf("page line %q: %v", l, err)
		}
		if !indexed[p.URL] {
			t.Errorf("page %s has no capture in the index", p.URL)
		}
		pages = append(pages, p)
	}
	if len(pages) > 0 && pkg.MainPageURL != pages[0].URL {
		t.Errorf("mainPageUrl %q, want the first page %q", pkg.MainPageURL, pages[0].URL)
	}
	return pages
}

// TestWACZExport packs the captures of a crawled archive and validates the
// package; every archived article is a page with its title and body. The
// index is written both ways: index.cdxj, and the ZipNum pair (the
// threshold lowered so that the small archive's index takes it, in blocks
// of 7 lines so that it has many).
func TestWACZExport(t *testing.T) {
	data := crawledArchive(t)
	arts := storedArticles(t, data)
	for _, tc := range []struct {
		name       string
		zipNumAt   int64
		blockLines int
		want       string // the index file the package must hold
	}{
		{"cdxj", -1, 0, export.WACZIndexPath},
		{"zipnum", 1, 7, export.WACZIdxPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "export.wacz")
			f, err := os.Create(out)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := export.WACZ(context.Background(), f, sliceSource(arts), export.WACZOptions{
				WARCOptions: export.WARCOptions{Dir: filepath.Join(data, "warc"), TempDir: t.TempDir(), Software: "wenming test"},
				Title:       "测试", ZipNumAt: tc.zipNumAt, BlockLines: tc.blockLines,
			})
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep.Articles != len(arts) || rep.NoCapture != 0 {
				t.Errorf("report %+v for %d articles", rep, len(arts))
			}
			if !zipHolds(t, out, tc.want) {
				t.Errorf("the package has no %s", tc.want)
			}
			pages := validateWACZ(t, out)
			if len(pages) != len(arts) {
				t.Fatalf("%d pages for %d articles", len(pages), len(arts))
			}
			byURL := map[string]export.WACZPage{}
			for _, p := range pages {
				byURL[p.URL] = p
			}
			for _, a := range arts {
				if p := byURL[a.URL]; p.Title != a.Title || p.Text != a.Body {
					t.Errorf("page of %s: title %q, %d characters of text; want %q and the body", a.URL, p.Title, len(p.Text), a.Title)
				}
			}
		})
	}
}

// zipHolds reports whether the zip file at path holds a file name.
func zipHolds(t *testing.T, path, name string) bool {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	_, err = zr.Open(name)
	return err == nil
}
