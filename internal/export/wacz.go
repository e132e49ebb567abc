package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	pathpkg "path"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// WACZ (Web Archive Collection Zipped, version 1.1.1 of the Webrecorder
// specification) packs the captures of the articles with their index and a
// list of pages into one zip that ReplayWeb.page opens as it is:
//
//	archive/data.warc.gz        the captures, as [WARC] copies them (stored: gzip already)
//	indexes/index.cdxj          their CDXJ index, or when it is large the
//	                            ZipNum pair that a replay reads block by block:
//	indexes/index.cdx.gz          its lines in gzip blocks (stored: gzip already)
//	indexes/index.idx             the first key and place of each block
//	pages/pages.jsonl           a header line, then one page per article: url, ts, title, text
//	datapackage.json            every file above with its sha256 and size
//	datapackage-digest.json     the sha256 of datapackage.json

// WACZVersion is the version of the specification written.
const WACZVersion = "1.1.1"

// Paths inside a WACZ file.
const (
	WACZWARCPath   = "archive/data.warc.gz"
	WACZIndexPath  = "indexes/index.cdxj"
	WACZZipNumPath = "indexes/index.cdx.gz"
	WACZIdxPath    = "indexes/index.idx"
	WACZPagesPath  = "pages/pages.jsonl"
	WACZPackage    = "datapackage.json"
	WACZDigestPath = "datapackage-digest.json"
)

// WACZOptions configure [WACZ].
type WACZOptions struct {
	WARCOptions        // Name is ignored: the WARC file is WACZWARCPath
	Title       string // of the collection, in datapackage.json
	// ZipNumAt is the size in bytes of the CDXJ index from which it is
	// written as the ZipNum pair (index.cdx.gz and index.idx) instead of
	// index.cdxj; 0 means DefaultZipNumAt, a negative value never.
	ZipNumAt int64
	// BlockLines is the number of index lines in a block of a ZipNum
	// index; 0 means DefaultBlockLines.
	BlockLines int
}

// WACZDataPackage is datapackage.json.
type WACZDataPackage struct {
	Profile     string         `json:"profile"`
	WACZVersion string         `json:"wacz_version"`
	Title       string         `json:"title,omitempty"`
	Created     string         `json:"created"`
	Software    string         `json:"software"`
	MainPageURL string         `json:"mainPageUrl,omitempty"`
	MainPageTS  string         `json:"mainPageDate,omitempty"`
	Resources   []WACZResource `json:"resources"`
}

// WACZResource is one file of a WACZ package.
type WACZResource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"` // "sha256:" and the hex digest
	Bytes int64  `json:"bytes"`
}

// WACZDigest is datapackage-digest.json.
type WACZDigest struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
}

// WACZPage is one line of pages/pages.jsonl after the header.
type WACZPage struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	TS    string `json:"ts"` // capture time, RFC 3339 in UTC
	Title string `json:"title,omitempty"`
	Text  string `json:"text,omitempty"` // the extracted body: ReplayWeb.page searches it
}

// waczPagesHeader is the first line of pages.jsonl.
var waczPagesHeader = map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}

// WACZ writes the captures of the articles of src as a WACZ package to w.
// The pages and the CDXJ index wait in temporary files (TempDir) while the
// captures are copied, so memory stays that of [WARC].
func WACZ(ctx context.Context, w io.Writer, src Source, opts WACZOptions) (WARCReport, error) {
	pages, err := os.CreateTemp(opts.TempDir, "wenming-wacz-pages-*")
	if err != nil {
		return WARCReport{}, fmt.Errorf("export wacz: %w", err)
	}
	defer os.Remove(pages.Name())
	defer pages.Close()
	cdxj, err := os.CreateTemp(opts.TempDir, "wenming-wacz-cdxj-*")
	if err != nil {
		return WARCReport{}, fmt.Errorf("export wacz: %w", err)
	}
	defer os.Remove(cdxj.Name())
	defer cdxj.Close()

	z := &waczWriter{zw: zip.NewWriter(w)}
	pw := bufio.NewWriterSize(pages, 1<<16)
	pageSrc, first := listPages(src, json.NewEncoder(pw))
	opts.Name = "data.warc.gz"
	var rep WARCReport
	err = z.entry(WACZWARCPath, zip.Store, func(ew io.Writer) error {
		var err error
		rep, err = WARC(ctx, ew, cdxj, pageSrc, opts.WARCOptions)
		return err
	})
	if err == nil {
		err = pw.Flush()
	}
	if err == nil {
		err = z.index(cdxj, opts)
	}
	if err == nil {
		err = z.entry(WACZPagesPath, zip.Deflate, func(ew io.Writer) error {
			if err := json.NewEncoder(ew).Encode(waczPagesHeader); err != nil {
				return err
			}
			return copyFrom(ew, pages)
		})
	}
	if err == nil {
		err = z.finish(opts, first)
	}
	if err != nil {
		return rep, fmt.Errorf("export wacz: %w", err)
	}
	return rep, nil
}

// index writes the CDXJ index held in cdxj: as index.cdxj, or past
// opts.ZipNumAt bytes as the ZipNum pair.
func (z *waczWriter) index(cdxj *os.File, opts WACZOptions) error {
	fi, err := cdxj.Stat()
	if err != nil {
		return err
	}
	at := opts.ZipNumAt
	if at == 0 {
		at = DefaultZipNumAt
	}
	if at < 0 || fi.Size() < at {
		return z.entry(WACZIndexPath, zip.Deflate, func(ew io.Writer) error { return copyFrom(ew, cdxj) })
	}
	var idx bytes.Buffer // one line per block: 1/BlockLines of the index
	err = z.entry(WACZZipNumPath, zip.Store, func(ew io.Writer) error {
		if _, err := cdxj.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return writeZipNum(ew, &idx, bufio.NewReaderSize(cdxj, 1<<16), pathpkg.Base(WACZZipNumPath), opts.BlockLines)
	})
	if err != nil {
		return err
	}
	return z.entry(WACZIdxPath, zip.Deflate, func(ew io.Writer) error { _, err := idx.WriteTo(ew); return err })
}

// copyFrom copies the whole of f to w.
func copyFrom(w io.Writer, f *os.File) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, f)
	return err
}

// listPages passes src on, writing a page line for every article with a
// capture; first is the first such page (the package's main page).
func listPages(src Source, enc *json.Encoder) (Source, *WACZPage) {
	first := &WACZPage{}
	return func(fn func(*article.Article) error) error {
		n := 0
		return src(func(a *article.Article) error {
			if a.Capture != nil {
				n++
				p := WACZPage{ID: fmt.Sprintf("p%d", n), URL: a.URL, TS: a.Capture.Time.UTC().Format(time.RFC3339), Title: a.Title, Text: a.Body}
				if n == 1 {
					*first = p
				}
				if err := enc.Encode(p); err != nil {
					return err
				}
			}
			return fn(a)
		})
	}, first
}

// waczWriter writes the entries of a WACZ zip, keeping the hash and size
// of each for datapackage.json.
type waczWriter struct {
	zw        *zip.Writer
	resources []WACZResource
}

// entry writes one file of the package through write.
func (z *waczWriter) entry(name string, method uint16, write func(io.Writer) error) error {
	ew, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: time.Now()})
	if err != nil {
		return err
	}
	h := sha256.New()
	cw := &warc.Counter{W: io.MultiWriter(ew, h)}
	if err := write(cw); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	z.resources = append(z.resources, WACZResource{Name: pathpkg.Base(name), Path: name, Hash: sha256Hex(h), Bytes: cw.N()})
	return nil
}

// finish writes datapackage.json and its digest, and closes the zip.
func (z *waczWriter) finish(opts WACZOptions, main *WACZPage) error {
	pkg := WACZDataPackage{
		Profile: "data-package", WACZVersion: WACZVersion, Title: opts.Title,
		Created: time.Now().UTC().Format(time.RFC3339), Software: opts.Software,
		MainPageURL: main.URL, MainPageTS: main.TS, Resources: z.resources,
	}
	b, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return err
	}
	if err := z.entry(WACZPackage, zip.Deflate, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return err
	}
	digest, err := json.MarshalIndent(WACZDigest{Path: WACZPackage, Hash: z.resources[len(z.resources)-1].Hash}, "", "  ")
	if err != nil {
		return err
	}
	if err := z.entry(WACZDigestPath, zip.Deflate, func(w io.Writer) error { _, err := w.Write(digest); return err }); err != nil {
		return err
	}
	return z.zw.Close()
}

func sha256Hex(h hash.Hash) string { return "sha256:" + hex.EncodeToString(h.Sum(nil)) }
