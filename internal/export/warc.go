package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// WARCOptions configure [WARC].
type WARCOptions struct {
	// Dir is the source archive's WARC directory, where the captures'
	// files are, with its index.cdxj (used to find the response a revisit
	// record refers to).
	Dir string
	// ReadDirs are more WARC directories where a capture's file is looked
	// for when Dir lacks it, each with its index.cdxj: those of the other
	// crawl workers sharing the records (see config.WARC.ReadDirs).
	ReadDirs []string
	// Name is the file name of the new WARC file, as its warcinfo record
	// and its CDXJ index name it (e.g. "export.warc.gz").
	Name string
	// Software is written into the warcinfo record.
	Software string
	// TempDir holds the runs of the CDXJ sort; "" means os.TempDir().
	TempDir string
	// Now is the WARC-Date of the warcinfo record; zero means time.Now().
	Now time.Time
	// Images copies, with each article's capture, the captures of its
	// images (article.Article.Images) that the source indexes hold (a
	// crawl with crawl.capture_images), so that a replay of the export
	// shows them. Each is looked up in the indexes: an export of an
	// archive without image captures leaves it off.
	Images bool
	// Attachments copies likewise the captures of each article's
	// attachments (article.Article.Attachments; crawl.capture_attachments).
	Attachments bool
}

// WARCReport is what [WARC] did.
type WARCReport struct {
	Articles   int   // articles whose capture was copied
	Records    int   // WARC records written, the warcinfo record included
	Bytes      int64 // size of the WARC file
	NoCapture  int   // articles without a capture, or whose capture's file is gone
	Originals  int   // responses copied because a revisit of an article refers to them
	Unresolved int   // revisits whose original response was not found
	Images     int   // image captures copied (WARCOptions.Images), each once
	// Attachments are the attachment captures copied
	// (WARCOptions.Attachments), each once.
	Attachments int
}

// WARC copies the WARC captures of the articles into a new WARC 1.1 file
// written to w: a warcinfo record first, then each article's response (or
// revisit) record, byte for byte (each record is its own gzip member), and
// for a revisit the response it refers to, once. It writes the CDXJ index
// of the new file (its response and revisit records, SURT order) to cdxj.
//
// Memory: the records stream; the set that keeps every copied record
// unique holds about 40 bytes per capture; the CDXJ lines are sorted in
// runs on disk (TempDir) when they outgrow 32 MB.
func WARC(ctx context.Context, w io.Writer, cdxj io.Writer, src Source, opts WARCOptions) (WARCReport, error) {
	var rep WARCReport
	if opts.Name == "" {
		return rep, errors.New("export warc: no file name (WARCOptions.Name)")
	}
	x := &warcExport{
		opts: opts, w: w, files: map[string]*os.File{}, copied: map[memberKey]bool{},
		lines: &lineSorter{dir: opts.TempDir, limit: 32 << 20},
	}
	defer x.close()
	err := x.run(ctx, src)
	x.rep.Bytes = x.pos
	if err == nil {
		err = x.lines.writeTo(cdxj)
	}
	if err != nil {
		return x.rep, fmt.Errorf("export warc: %w", err)
	}
	return x.rep, nil
}

type memberKey struct {
	file   string
	offset int64
}

type warcExport struct {
	opts    WARCOptions
	w       io.Writer
	pos     int64
	rep     WARCReport
	files   map[string]*os.File // open source files (a WARC file holds up to 1 GB: few)
	copied  map[memberKey]bool
	lines   *lineSorter
	indexes []*warc.SortedIndex // the source indexes, opened at the first revisit

	indexFiles []*os.File
}

func (x *warcExport) close() {
	for _, f := range x.files {
		f.Close()
	}
	for _, f := range x.indexFiles {
		f.Close()
	}
	x.lines.cleanup()
}

// dirs are the source WARC directories, in the order they are searched.
func (x *warcExport) dirs() []string { return append([]string{x.opts.Dir}, x.opts.ReadDirs...) }

// open opens the source file name from the first directory that has it
// (see warc.FindFile).
func (x *warcExport) open(name string) (*os.File, error) {
	dir, file, ok := warc.FindFile(x.dirs(), name)
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, os.ErrNotExist)
	}
	return os.Open(filepath.Join(dir, file))
}

func (x *warcExport) run(ctx context.Context, src Source) error {
	now := x.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	info, _, err := warc.WarcinfoMember(x.opts.Name, now, x.warcinfoFields())
	if err != nil {
		return err
	}
	if err := x.write(info); err != nil {
		return err
	}
	return src(func(a *article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := a.Capture
		if c == nil {
			x.rep.NoCapture++
			return nil
		}
		m, err := x.copy(c.File, c.Offset, c.Length)
		if errors.Is(err, os.ErrNotExist) {
			x.rep.NoCapture++
			return nil
		}
		if err != nil {
			return fmt.Errorf("capture of %s: %w", a.URL, err)
		}
		x.rep.Articles++
		if err := x.copyOriginal(m, a.URL); err != nil {
			return err
		}
		if x.opts.Images {
			if err := x.copyCaptures(a, a.Images, "image", &x.rep.Images); err != nil {
				return err
			}
		}
		if x.opts.Attachments {
			urls := make([]string, len(a.Attachments))
			for i, at := range a.Attachments {
				urls[i] = at.URL
			}
			return x.copyCaptures(a, urls, "attachment", &x.rep.Attachments)
		}
		return nil
	})
}

// copyOriginal copies the response that m, the record just copied for
// url, refers to when m is a revisit.
func (x *warcExport) copyOriginal(m *warc.Record, url string) error {
	if m == nil || m.Type != "revisit" {
		return nil
	}
	loc, ok, err := x.original(m)
	if err != nil {
		return fmt.Errorf("capture of %s: %w", url, err)
	}
	if !ok {
		x.rep.Unresolved++
		return nil
	}
	o, err := x.copy(loc.File, loc.Offset, loc.Length)
	if errors.Is(err, os.ErrNotExist) {
		x.rep.Unresolved++
		return nil
	}
	if err != nil {
		return fmt.Errorf("original of the revisit of %s: %w", url, err)
	}
	if o != nil {
		x.rep.Originals++
	}
	return nil
}

// copyCaptures copies the latest capture of each of urls, a's images or
// attachments (what, for errors), that the source indexes hold, once
// however many articles show it, counting the copies in n.
func (x *warcExport) copyCaptures(a *article.Article, urls []string, what string, n *int) error {
	if len(urls) == 0 {
		return nil
	}
	if err := x.openIndexes(); err != nil {
		return err
	}
	for _, u := range urls {
		c, found, err := warc.FindLatest(x.indexes, u)
		if err != nil {
			return fmt.Errorf("%s %s of %s: %w", what, u, a.URL, err)
		}
		if !found {
			continue // not captured
		}
		m, err := x.copy(c.File, c.Offset, c.Length)
		if errors.Is(err, os.ErrNotExist) {
			continue // its WARC file is gone: as though not captured
		}
		if err != nil {
			return fmt.Errorf("%s %s of %s: %w", what, u, a.URL, err)
		}
		if m == nil {
			continue // copied for another article
		}
		*n++
		if err := x.copyOriginal(m, u); err != nil {
			return err
		}
	}
	return nil
}

// write appends b to the new file.
func (x *warcExport) write(b []byte) error {
	n, err := x.w.Write(b)
	x.pos += int64(n)
	if err != nil {
		return err
	}
	x.rep.Records++
	return nil
}

// copy copies the gzip member at offset+length of the source file name,
// unless it was copied before (then it returns nil, nil), and adds its
// CDXJ line.
func (x *warcExport) copy(name string, offset, length int64) (*warc.Record, error) {
	key := memberKey{name, offset}
	if x.copied[key] {
		return nil, nil
	}
	if name == "" || name != filepath.Base(name) || length <= 0 || offset < 0 {
		return nil, fmt.Errorf("bad capture location %q at %d+%d", name, offset, length)
	}
	f := x.files[name]
	if f == nil {
		var err error
		if f, err = x.open(name); err != nil {
			return nil, err
		}
		x.files[name] = f
	}
	raw := make([]byte, length)
	if _, err := f.ReadAt(raw, offset); err != nil {
		return nil, fmt.Errorf("read %s at %d+%d: %w", name, offset, length, err)
	}
	m, err := warc.ParseMember(raw)
	if err != nil {
		return nil, fmt.Errorf("%s at %d+%d: %w", name, offset, length, err)
	}
	at := x.pos
	if err := x.write(raw); err != nil {
		return nil, err
	}
	x.copied[key] = true
	if m.Type == "response" || m.Type == "revisit" {
		c := m.Capture()
		c.File, c.Offset, c.Length = x.opts.Name, at, length
		if err := x.lines.add(warc.CDXJLine(c)); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// original finds the response that the revisit m refers to in the source
// index.
func (x *warcExport) original(m *warc.Record) (warc.Capture, bool, error) {
	if m.RefersURI == "" || m.RefersDate.IsZero() {
		return warc.Capture{}, false, nil
	}
	if err := x.openIndexes(); err != nil {
		return warc.Capture{}, false, err
	}
	for _, ix := range x.indexes {
		c, ok, err := ix.FindResponse(m.RefersURI, m.RefersDate)
		if err != nil || ok {
			return c, ok, err
		}
	}
	return warc.Capture{}, false, nil
}

// openIndexes opens the source directories' indexes, once.
func (x *warcExport) openIndexes() error {
	if x.indexFiles != nil {
		return nil
	}
	x.indexFiles = []*os.File{}
	for _, d := range x.dirs() {
		f, err := os.Open(filepath.Join(d, warc.IndexName))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		x.indexFiles = append(x.indexFiles, f)
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		x.indexes = append(x.indexes, warc.NewSortedIndex(f, fi.Size()))
	}
	return nil
}

// warcinfoFields are the fields of the new file's warcinfo record.
func (x *warcExport) warcinfoFields() map[string]string {
	software := x.opts.Software
	if software == "" {
		software = "wenming export"
	}
	return map[string]string{
		"software":    software,
		"format":      "WARC File Format 1.1",
		"conformsTo":  "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
		"description": "captures of archived 文明网 articles, copied from a wenming archive",
	}
}
