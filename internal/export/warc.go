package export

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
)

// WARCOptions configure [WARC].
type WARCOptions struct {
	// Dir is the source archive's WARC directory, where the captures'
	// files are, with its index.cdxj (used to find the response a revisit
	// record refers to).
	Dir string
	// Name is the file name of the new WARC file, as its warcinfo record
	// and its CDXJ index name it (e.g. "export.warc.gz").
	Name string
	// Software is written into the warcinfo record.
	Software string
	// TempDir holds the runs of the CDXJ sort; "" means os.TempDir().
	TempDir string
	// Now is the WARC-Date of the warcinfo record; zero means time.Now().
	Now time.Time
}

// WARCReport is what [WARC] did.
type WARCReport struct {
	Articles   int   // articles whose capture was copied
	Records    int   // WARC records written, the warcinfo record included
	Bytes      int64 // size of the WARC file
	NoCapture  int   // articles without a capture, or whose capture's file is gone
	Originals  int   // responses copied because a revisit of an article refers to them
	Unresolved int   // revisits whose original response was not found
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
	opts   WARCOptions
	w      io.Writer
	pos    int64
	rep    WARCReport
	files  map[string]*os.File // open source files (a WARC file holds up to 1 GB: few)
	copied map[memberKey]bool
	lines  *lineSorter
	index  *cdxjFile // the source index, opened at the first revisit

	indexFile *os.File
}

func (x *warcExport) close() {
	for _, f := range x.files {
		f.Close()
	}
	if x.indexFile != nil {
		x.indexFile.Close()
	}
	x.lines.cleanup()
}

func (x *warcExport) run(ctx context.Context, src Source) error {
	now := x.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	info := warcinfo(x.opts.Name, x.opts.Software, now)
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
		if m == nil || m.typ != "revisit" {
			return nil
		}
		loc, ok, err := x.original(m)
		if err != nil {
			return fmt.Errorf("capture of %s: %w", a.URL, err)
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
			return fmt.Errorf("original of the revisit of %s: %w", a.URL, err)
		}
		if o != nil {
			x.rep.Originals++
		}
		return nil
	})
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
func (x *warcExport) copy(name string, offset, length int64) (*member, error) {
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
		if f, err = os.Open(filepath.Join(x.opts.Dir, name)); err != nil {
			return nil, err
		}
		x.files[name] = f
	}
	raw := make([]byte, length)
	if _, err := f.ReadAt(raw, offset); err != nil {
		return nil, fmt.Errorf("read %s at %d+%d: %w", name, offset, length, err)
	}
	m, err := parseMember(raw)
	if err != nil {
		return nil, fmt.Errorf("%s at %d+%d: %w", name, offset, length, err)
	}
	at := x.pos
	if err := x.write(raw); err != nil {
		return nil, err
	}
	x.copied[key] = true
	if m.typ == "response" || m.typ == "revisit" {
		if err := x.lines.add(m.cdxjLine(x.opts.Name, at, length)); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// original finds the response that the revisit m refers to in the source
// index.
func (x *warcExport) original(m *member) (cdxLoc, bool, error) {
	if m.refersURI == "" || m.refersDate.IsZero() {
		return cdxLoc{}, false, nil
	}
	if x.index == nil {
		f, err := os.Open(filepath.Join(x.opts.Dir, archive.IndexName))
		if errors.Is(err, os.ErrNotExist) {
			return cdxLoc{}, false, nil
		}
		if err != nil {
			return cdxLoc{}, false, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return cdxLoc{}, false, err
		}
		x.indexFile, x.index = f, &cdxjFile{f: f, size: fi.Size()}
	}
	return x.index.find(m.refersURI, m.refersDate)
}

// member is what the export needs of one WARC record.
type member struct {
	typ, target, digest, mime string
	date                      time.Time
	status                    int
	refersURI                 string
	refersDate                time.Time
}

// parseMember checks that raw is exactly one gzip member holding one
// complete WARC record and reads its header (and its HTTP status line and
// Content-Type for a response or revisit).
func parseMember(raw []byte) (*member, error) {
	br := bytes.NewReader(raw)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("not a gzip member: %w", err)
	}
	zr.Multistream(false)
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gzip member does not decode: %w", err)
	}
	if br.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the gzip member", br.Len())
	}
	if !bytes.HasPrefix(data, []byte("WARC/1.")) {
		return nil, errors.New("not a WARC record")
	}
	head, body, ok := bytes.Cut(data, []byte("\r\n\r\n"))
	if !ok {
		return nil, errors.New("WARC header incomplete")
	}
	fields := map[string]string{}
	for _, line := range strings.Split(string(head), "\r\n")[1:] {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
	cl, err := strconv.ParseInt(fields["content-length"], 10, 64)
	if err != nil || cl < 0 || int64(len(body)) != cl+4 || !bytes.HasSuffix(body, []byte("\r\n\r\n")) {
		return nil, fmt.Errorf("WARC record incomplete (Content-Length %q, %d bytes)", fields["content-length"], len(body))
	}
	m := &member{typ: fields["warc-type"], target: fields["warc-target-uri"], digest: fields["warc-payload-digest"],
		refersURI: fields["warc-refers-to-target-uri"]}
	if m.date, err = time.Parse(time.RFC3339, fields["warc-date"]); err != nil {
		return nil, fmt.Errorf("WARC-Date %q: %w", fields["warc-date"], err)
	}
	if s := fields["warc-refers-to-date"]; s != "" {
		m.refersDate, _ = time.Parse(time.RFC3339, s)
	}
	if (m.typ == "response" || m.typ == "revisit") && strings.HasPrefix(fields["content-type"], "application/http") {
		if resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(body[:cl])), nil); err == nil {
			resp.Body.Close()
			m.status = resp.StatusCode
			m.mime, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
			if m.mime == "" {
				m.mime, _, _ = strings.Cut(strings.ToLower(resp.Header.Get("Content-Type")), ";")
				m.mime = strings.TrimSpace(m.mime)
			}
		}
	}
	if m.typ == "revisit" {
		m.mime = revisitMime
	}
	return m, nil
}

const (
	revisitMime   = "warc/revisit"
	cdxTimeLayout = "20060102150405"
)

// cdxjLine is the index line of the record copied to offset+length of file,
// in the format of the archive's index.cdxj (pywb's field order, numbers
// as strings).
func (m *member) cdxjLine(file string, offset, length int64) string {
	var b strings.Builder
	b.WriteString(archive.SURT(m.target))
	b.WriteByte(' ')
	b.WriteString(m.date.UTC().Format(cdxTimeLayout))
	b.WriteByte(' ')
	b.WriteString(`{"url":` + jsonString(m.target) + `,"mime":` + jsonString(m.mime) +
		`,"status":` + jsonString(strconv.Itoa(m.status)) + `,"digest":` + jsonString(m.digest) +
		`,"length":` + jsonString(strconv.FormatInt(length, 10)) +
		`,"offset":` + jsonString(strconv.FormatInt(offset, 10)) + `,"filename":` + jsonString(file) + `}`)
	return b.String()
}

// warcinfo is the gzip member of the warcinfo record that starts the file.
func warcinfo(name, software string, now time.Time) []byte {
	if software == "" {
		software = "wenming export"
	}
	block := "software: " + software + "\r\n" +
		"format: WARC File Format 1.1\r\n" +
		"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n" +
		"description: captures of archived 文明网 articles, copied from a wenming archive\r\n"
	sum := sha1.Sum([]byte(block))
	var rec bytes.Buffer
	rec.WriteString("WARC/1.1\r\n")
	rec.WriteString("WARC-Type: warcinfo\r\n")
	rec.WriteString("WARC-Record-ID: " + newUUID() + "\r\n")
	rec.WriteString("WARC-Date: " + now.UTC().Format("2006-01-02T15:04:05Z") + "\r\n")
	rec.WriteString("WARC-Filename: " + name + "\r\n")
	rec.WriteString("WARC-Block-Digest: sha1:" + base32.StdEncoding.EncodeToString(sum[:]) + "\r\n")
	rec.WriteString("Content-Type: application/warc-fields\r\n")
	rec.WriteString("Content-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n")
	rec.WriteString(block)
	rec.WriteString("\r\n\r\n")
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(rec.Bytes()) // a bytes.Buffer does not fail
	zw.Close()
	return out.Bytes()
}

// newUUID returns "<urn:uuid:…>" with a random (version 4) UUID.
func newUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
