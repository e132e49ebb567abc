package warc

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/internal/atomicfile"
)

// Defaults applied by Open to zero-valued options.
const (
	DefaultMaxFileSize    = 1 << 30
	DefaultPrefix         = "wenming"
	DefaultTimeout        = 30 * time.Second
	DefaultRevisitMinSize = 1024
)

// Errors callers may test with errors.Is.
var (
	ErrClosed = errors.New("archive: recorder closed")
	ErrLocked = errors.New("archive: directory in use by another recorder")
)

const lockName = ".archive.lock"

// Options configure a Recorder. The zero value of each field means its default.
type Options struct {
	Dir         string        // WARC directory (created)
	Prefix      string        // file name prefix; default "wenming"
	MaxFileSize int64         // rotate a file once it holds more than this many bytes; default 1 GiB
	Proxy       string        // "http://host:port", "socks5://host:port" or "" for direct connections (the environment is not read)
	Timeout     time.Duration // whole-exchange timeout of the client; default 30 s
	UserAgent   string        // recorded in warcinfo (the crawler sets the request header itself)
	Software    string        // warcinfo "software"

	// RevisitMinSize: payloads shorter than this are stored in full even when
	// their digest was seen before; 0 means 1024, negative disables revisits.
	RevisitMinSize int64
	// TLSConfig is cloned for https connections (RootCAs for tests, say); nil means defaults.
	TLSConfig *tls.Config
	// MaxIdleConnsPerHost for the keep-alive pool; 0 means 16.
	MaxIdleConnsPerHost int
	// OnSync, when set, is told after every fsync of a file of this
	// recorder (see Recorder.Durable; a finished file's included) how
	// many of its bytes are now on disk, with its directory entry: what
	// an OS crash or power cut would leave of it at least. It is called
	// with the recorder locked and must not call it. Tests simulate a
	// power cut with it.
	OnSync func(file string, size int64)
}

// Capture locates one archived response or revisit record.
type Capture struct {
	URL     string    // WARC-Target-URI
	Time    time.Time // WARC-Date (second precision, UTC)
	Status  int       // HTTP status
	Mime    string    // media type of the response; "warc/revisit" for revisit records
	Digest  string    // WARC-Payload-Digest, "sha1:BASE32"
	File    string    // WARC file name (no directory)
	Offset  int64     // offset of the record's gzip member in File
	Length  int64     // length of that gzip member
	Revisit bool      // a revisit record (payload stored earlier)
}

// Recorder writes the WARC files of one run.
type Recorder struct {
	opts      Options
	unlock    func() error
	transport *http.Transport
	client    *http.Client

	dedupMu sync.Mutex
	digests *payloadIndex // payload digest → first full capture (dedup.go, payloads.go)

	mu       sync.Mutex // guards everything below
	f        *os.File
	name     string // final file name (without .open)
	size     int64
	infoID   string // WARC-Record-ID of the current file's warcinfo
	gen      int    // bumped at every new file
	serial   int
	closed   bool
	writeErr error
	captures map[string]remembered // by lookup key: the latest maxLookup captures of this run
	order    []remembered          // the same, oldest first
	seq      uint64
	lines    []string // CDXJ lines of this run not yet spilled
	chunks   []string // sorted chunk files of this run's earlier lines

	records, bytes, dropped atomic.Int64

	durable  durability   // what is on disk (durable.go)
	repaired []FileRepair // what Open mended
}

// Open creates opts.Dir if needed, repairs what a killed process left there
// (see Repair; files already named in index.cdxj are not rescanned) and
// returns a Recorder. The first WARC file is created on the first exchange.
func Open(opts Options) (*Recorder, error) {
	if opts.Dir == "" {
		return nil, errors.New("archive: Options.Dir is empty")
	}
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if strings.ContainsAny(opts.Prefix, `/\ `) {
		return nil, fmt.Errorf("archive: prefix %q must not contain '/', '\\' or spaces", opts.Prefix)
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.RevisitMinSize == 0 {
		opts.RevisitMinSize = DefaultRevisitMinSize
	}
	if opts.MaxIdleConnsPerHost <= 0 {
		opts.MaxIdleConnsPerHost = 16
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("archive: create %s: %w", opts.Dir, err)
	}
	unlock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	r, err := open(opts)
	if err != nil {
		unlock()
		return nil, err
	}
	r.unlock = unlock
	return r, nil
}

func open(opts Options) (*Recorder, error) {
	removeChunks(opts.Dir)
	removePayloadFiles(opts.Dir)
	mended, err := repair(opts.Dir, false)
	if err != nil {
		return nil, err
	}
	r := &Recorder{
		opts:     opts,
		digests:  newPayloadIndex(opts.Dir),
		captures: make(map[string]remembered),
		repaired: mended.Files,
	}
	r.durable.cond = sync.NewCond(&r.durable.mu)
	if opts.RevisitMinSize > 0 {
		// Payloads archived by earlier runs are revisited too.
		for c, err := range ReadIndex(opts.Dir) {
			if err != nil {
				r.digests.close()
				return nil, err
			}
			if !c.Revisit && c.Digest != "" {
				if k, ok := payloadKeyOf(c.Digest); ok {
					r.digests.findOrAdd(k, newRevisitRef(c.URL, c.Time, [16]byte{}))
				}
			}
		}
	}
	t, err := r.newTransport()
	if err != nil {
		r.digests.close()
		return nil, err
	}
	r.transport = t
	r.client = &http.Client{Transport: &recordingTransport{rec: r, base: t}, Timeout: opts.Timeout}
	return r, nil
}

// Repaired says what Open found of a killed run in the directory and
// mended (see Repair): the files it scanned, each with the length it
// kept. A file left .open by a run that an OS crash or power cut stopped
// may have lost records that pointers outside it (article records) name.
func (r *Recorder) Repaired() []FileRepair { return r.repaired }

// Client returns the recording client. Its redirect policy is net/http's
// default; colly replaces it with SetRedirectHandler after SetClient.
func (r *Recorder) Client() *http.Client { return r.client }

// Transport returns the recording RoundTripper behind Client, for callers that
// build their own http.Client.
func (r *Recorder) Transport() http.RoundTripper { return r.client.Transport }

// Stats reports the WARC records and compressed bytes written so far.
func (r *Recorder) Stats() (records, bytes int64) {
	return r.records.Load(), r.bytes.Load()
}

// Dropped reports exchanges that could not be archived because the
// connection ended before the response was complete (a body closed early, a
// network error).
func (r *Recorder) Dropped() int64 { return r.dropped.Load() }

// Lookup returns the latest response or revisit capture of url written by
// this Recorder. Captures are known as soon as the response body has been
// read to its end (before the body's Read returns io.EOF). URLs are compared
// after normalisation (case of scheme and host, default port, empty path).
// Only the latest 50,000 captures are kept in memory; older ones are found
// through the CDXJ index after Close.
func (r *Recorder) Lookup(url string) (Capture, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.captures[lookupKey(url)]
	return m.c, ok
}

// Close closes idle connections, finishes the current WARC file (it loses
// its .open suffix) and merges this run's captures into index.cdxj. Requests
// still in flight are not waited for; stop the crawler first.
func (r *Recorder) Close() error {
	r.transport.CloseIdleConnections()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.writeErr
	if r.f != nil {
		err = errors.Join(err, r.finishFile())
	}
	r.dedupMu.Lock()
	err = errors.Join(err, r.digests.close())
	r.dedupMu.Unlock()
	lines := r.lines
	r.lines = nil
	sort.Strings(lines)
	if len(r.chunks) == 0 {
		err = errors.Join(err, mergeIndex(r.opts.Dir, lines, nil))
	} else {
		var readErr error
		err = errors.Join(err, mergeSorted(r.opts.Dir, mergedLines(r.chunks, lines, &readErr), nil, false), readErr)
		for _, c := range r.chunks {
			os.Remove(c)
		}
		r.chunks = nil
	}
	return errors.Join(err, r.unlock())
}

// exchange is one request/response pair cut from a connection's bytes.
type exchange struct {
	target  string
	date    time.Time
	ip      string
	request []byte
	resp    []byte
	hdrLen  int // length of the response's HTTP header (status line to blank line)
	status  int
	mime    string
	payload string // payload digest
}

// write archives x and returns its capture. It is safe for concurrent use.
func (r *Recorder) write(x *exchange) (Capture, error) {
	date := x.date.UTC().Truncate(time.Second)
	respUUID := newUUIDBytes()
	reqID, respID := newUUID(), formatUUID(respUUID)

	revisit := false
	var ref revisitRef
	payloadLen := int64(len(x.resp) - x.hdrLen)
	if r.opts.RevisitMinSize > 0 && payloadLen >= r.opts.RevisitMinSize {
		if k, ok := payloadKeyOf(x.payload); ok {
			r.dedupMu.Lock()
			ref, revisit = r.digests.findOrAdd(k, newRevisitRef(x.target, date, respUUID))
			r.dedupMu.Unlock()
		}
	}

	for {
		r.mu.Lock()
		if err := r.ready(); err != nil {
			r.mu.Unlock()
			return Capture{}, err
		}
		gen, infoID := r.gen, r.infoID
		r.mu.Unlock()

		// Compress outside the lock (both records into one buffer, which
		// is written in one call); retry if the file rotated meanwhile.
		buf := memberBuffers.Get().(*bytes.Buffer)
		buf.Reset()
		buf.Grow(len(x.request)/2 + len(x.resp)/2 + 2048)
		if err := appendGzipRecord(buf, requestHeader(x, date, reqID, respID, infoID), x.request); err != nil {
			putMemberBuffer(buf)
			return Capture{}, fmt.Errorf("archive: record request %s: %w", x.target, err)
		}
		reqLen := buf.Len()
		hdr, block := responseHeader(x, date, respID, reqID, infoID), x.resp
		if revisit {
			hdr, block = revisitHeader(x, date, respID, reqID, infoID, ref), x.resp[:x.hdrLen]
		}
		if err := appendGzipRecord(buf, hdr, block); err != nil {
			putMemberBuffer(buf)
			return Capture{}, fmt.Errorf("archive: record response %s: %w", x.target, err)
		}
		respLen := buf.Len() - reqLen

		r.mu.Lock()
		if r.gen != gen || r.closed {
			r.mu.Unlock()
			putMemberBuffer(buf)
			continue
		}
		off := r.size + int64(reqLen)
		err := r.appendLocked(buf.Bytes())
		putMemberBuffer(buf)
		if err != nil {
			r.mu.Unlock()
			return Capture{}, fmt.Errorf("archive: write %s for %s: %w", r.name, x.target, err)
		}
		r.records.Add(2)
		c := Capture{URL: x.target, Time: date, Status: x.status, Mime: x.mime, Digest: x.payload,
			File: r.name, Offset: off, Length: int64(respLen), Revisit: revisit}
		if revisit {
			c.Mime = revisitMime
		}
		r.remember(c)
		r.lines = append(r.lines, cdxjLine(c))
		if len(r.lines) >= spillLines {
			if err := r.spillLocked(); err != nil && r.writeErr == nil {
				r.writeErr = err
			}
		}
		r.mu.Unlock()
		return c, nil
	}
}

// putMemberBuffer gives buf back for another exchange, unless it grew
// past maxPooledBuffer.
func putMemberBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		memberBuffers.Put(buf)
	}
}

// maxLookup bounds the captures Lookup answers from memory: the crawler
// asks right after a fetch, so the latest ones are enough, and memory stays
// bounded on a long run. Older captures are in the CDXJ index.
const maxLookup = 10000

// remembered is a capture kept for Lookup, with its place in the order.
type remembered struct {
	key string
	seq uint64
	c   Capture
}

// remember makes c the answer of Lookup for its URL, forgetting the oldest
// capture beyond maxLookup. Called with r.mu held.
func (r *Recorder) remember(c Capture) {
	r.seq++
	m := remembered{key: lookupKey(c.URL), seq: r.seq, c: c}
	if len(r.order) >= maxLookup {
		old := r.order[0]
		r.order = r.order[1:]
		if cur, ok := r.captures[old.key]; ok && cur.seq == old.seq {
			delete(r.captures, old.key)
		}
	}
	r.order = append(r.order, m)
	r.captures[m.key] = m
}

// ready makes sure a file with room is open. Called with r.mu held.
func (r *Recorder) ready() error {
	if r.closed {
		return ErrClosed
	}
	if r.writeErr != nil {
		return r.writeErr
	}
	if r.f != nil && r.size >= r.opts.MaxFileSize {
		if err := r.finishFile(); err != nil {
			r.writeErr = err
			return err
		}
	}
	if r.f == nil {
		if err := r.newFile(); err != nil {
			r.writeErr = err
			return err
		}
	}
	return nil
}

// appendLocked writes b at the end of the current file in one call.
//
// A failed write (a full disk, say) may have written part of b: the file
// is cut back to its last complete record at once, which needs no space,
// so that the file stays valid whatever comes next — Close renames it and
// indexes it, and a later Open would not rescan it. Further writes are
// refused either way.
func (r *Recorder) appendLocked(b []byte) error {
	n, err := r.f.Write(b)
	if err == nil {
		r.size += int64(n)
		r.bytes.Add(int64(n))
		return nil
	}
	r.writeErr = fmt.Errorf("archive: write %s: %w", r.name, err)
	if n > 0 {
		if terr := r.f.Truncate(r.size); terr == nil {
			_, _ = r.f.Seek(r.size, io.SeekStart)
		} else {
			// Hardly possible (cutting frees space), and then the tail
			// stays torn until Repair cuts it.
			r.size += int64(n)
			r.bytes.Add(int64(n))
		}
	}
	return err
}

// newFile creates the next .open file and writes its warcinfo record.
func (r *Recorder) newFile() error {
	stamp := time.Now().UTC().Format("20060102150405")
	for {
		name := fmt.Sprintf("%s-%s-%05d.warc.gz", r.opts.Prefix, stamp, r.serial)
		r.serial++
		path := filepath.Join(r.opts.Dir, name)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		f, err := os.OpenFile(path+openSuffix, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("archive: create %s: %w", path+openSuffix, err)
		}
		r.f, r.name, r.size = f, name, 0
		r.gen++
		r.durable.newFile(name)
		break
	}
	info, id, err := WarcinfoMember(r.name, time.Now(), r.warcinfoFields())
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	r.infoID = id
	if err := r.appendLocked(info); err != nil {
		return fmt.Errorf("archive: write warcinfo to %s: %w", r.name, err)
	}
	r.records.Add(1)
	return nil
}

func (r *Recorder) warcinfoFields() map[string]string {
	m := map[string]string{
		"format":     "WARC File Format 1.1",
		"conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
		"isPartOf":   r.opts.Prefix,
	}
	if r.opts.Software != "" {
		m["software"] = r.opts.Software
	} else {
		m["software"] = "wenming"
	}
	if r.opts.UserAgent != "" {
		m["http-header-user-agent"] = r.opts.UserAgent
	}
	return m
}

// finishFile syncs, closes and renames the current file. Called with r.mu held.
func (r *Recorder) finishFile() error {
	f, name := r.f, r.name
	r.f = nil
	path := filepath.Join(r.opts.Dir, name)
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("archive: finish %s: %w", path+openSuffix, err)
	}
	if r.size == 0 {
		// Not even its warcinfo record could be written (a full disk):
		// an empty file is no WARC file.
		if err := os.Remove(path + openSuffix); err != nil {
			return fmt.Errorf("archive: remove empty %s: %w", path+openSuffix, err)
		}
		return nil
	}
	if err := os.Rename(path+openSuffix, path); err != nil {
		return fmt.Errorf("archive: finish %s: %w", path+openSuffix, err)
	}
	if err := syncDir(r.opts.Dir); err != nil {
		return err
	}
	if r.durable.failed == nil {
		// (After a failed fsync the file's bytes are in doubt for good.)
		r.durable.finished[name] = true
		r.reportSync(name, r.size)
	}
	return nil
}

// syncDir syncs the WARC directory dir (see atomicfile.SyncDir).
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}
