package warc

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/hex"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
)

const (
	openSuffix     = ".open"
	warcDateLayout = "2006-01-02T15:04:05Z"
	revisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	revisitMime    = "warc/revisit"
)

// gzipPool recycles gzip writers and the buffered writer over each:
// gowarc.NewWriter allocates a fresh gzip writer (about 1 MB of deflate
// state) per record, which cost more than the compression, and a 32 KB
// buffer per record was a tenth of a crawl's allocations. It is a bounded
// free list, not a sync.Pool: a sync.Pool is emptied by every garbage
// collection, which in a crawl comes every few pages, and each writer
// made again allocated its deflate state anew.
var gzipPool = gzipFreeList{free: make(chan *pooledGzip, maxFreeGzip)}

// gzipLevel is the compression of WARC records: klauspost's stateless
// deflate, which keeps no window between the writes it is given (the
// 32 KB chunks of the buffered writer over it) and no encoder state
// between records. A record is one gzip member compressed from scratch
// anyway, so little is lost: in a 5,000-article crawl of the simulation
// compressing records took 1.08 s of CPU against 1.81 s at level 3, for
// 2.9% more WARC bytes; on the extraction corpus's real pages (45 KB on
// average) 22% less CPU than level 3 for 4% more bytes. A pooled writer
// holds no deflate state either (level 3's was about 1 MB a writer): the
// peak heap of a 20,000-article crawl fell from 108.6 to 88.1 MB.
const gzipLevel = gzip.StatelessCompression

// maxFreeGzip bounds the idle writers kept: as many as records are
// compressed at once in a crawl of many workers.
const maxFreeGzip = 32

type gzipFreeList struct{ free chan *pooledGzip }

func (l gzipFreeList) get() *pooledGzip {
	select {
	case pz := <-l.free:
		return pz
	default:
		zw, err := gzip.NewWriterLevel(nil, gzipLevel)
		if err != nil {
			panic(err) // gzipLevel is a valid level
		}
		return &pooledGzip{zw: zw, bw: bufio.NewWriterSize(zw, 32<<10)}
	}
}

// put keeps pz for another record, after it is done writing into its
// last buffer.
func (l gzipFreeList) put(pz *pooledGzip) {
	pz.zw.Reset(io.Discard)
	pz.bw.Reset(pz.zw)
	select {
	case l.free <- pz:
	default:
	}
}

type pooledGzip struct {
	zw *gzip.Writer
	bw *bufio.Writer
}

// field is one WARC header field.
type field struct{ name, value string }

// header is a record's WARC header fields, in the order they are written.
type header []field

func (h *header) add(name, value string) { *h = append(*h, field{name, value}) }

// gzipRecord serialises one record as a gzip member. hdr must already hold
// Content-Length and WARC-Block-Digest.
func gzipRecord(hdr header, block []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(block)/3 + 1024)
	if err := appendGzipRecord(&buf, hdr, block); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendGzipRecord is gzipRecord appending the member to buf: the version
// line, the fields in hdr's order, the block and the closing CRLF CRLF,
// written through a pooled gzip writer in 32 KB chunks. (gowarc's
// Writer.WriteRecord wrote the same from a map of fields, in the map's
// random order, looking up five fields by a case-folding scan of them all
// and formatting each line with fmt.Sprintf: a tenth of a record's
// instructions besides the compression.)
func appendGzipRecord(buf *bytes.Buffer, hdr header, block []byte) error {
	pz := gzipPool.get()
	defer gzipPool.put(pz)
	pz.zw.Reset(buf)
	pz.bw.Reset(pz.zw)
	w := pz.bw
	w.WriteString("WARC/1.1\r\n")
	for _, f := range hdr {
		w.WriteString(f.name)
		w.WriteString(": ")
		w.WriteString(f.value)
		w.WriteString("\r\n")
	}
	w.WriteString("\r\n")
	// The block goes through the buffer, as io.Copy into it did: the
	// stateless compressor keeps no window between the writes it is
	// given, so each write is a full chunk.
	for len(block) > 0 {
		if w.Available() == 0 {
			if err := w.Flush(); err != nil {
				return err
			}
		}
		n, _ := w.Write(block[:min(len(block), w.Available())])
		block = block[n:]
	}
	w.WriteString("\r\n\r\n")
	if err := w.Flush(); err != nil {
		return err
	}
	return pz.zw.Close()
}

// memberBuffers recycles the buffers an exchange's two records are
// compressed into before they are appended to the file.
var memberBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer: a larger buffer (a huge response's) is not kept.
const maxPooledBuffer = 1 << 20

// baseHeader starts a record's header: its type, ID, date, target (none
// when target is ""), warcinfo, length and block digest.
func baseHeader(typ, id, target string, date time.Time, infoID string, block []byte) header {
	h := make(header, 0, 14)
	h.add("WARC-Type", typ)
	h.add("WARC-Record-ID", id)
	h.add("WARC-Date", date.Format(warcDateLayout))
	if target != "" {
		h.add("WARC-Target-URI", target)
	}
	if infoID != "" {
		h.add("WARC-Warcinfo-ID", infoID)
	}
	h.add("Content-Length", strconv.Itoa(len(block)))
	h.add("WARC-Block-Digest", sha1Digest(block))
	return h
}

func requestHeader(x *exchange, date time.Time, id, respID, infoID string) header {
	h := baseHeader("request", id, x.target, date, infoID, x.request)
	h.add("Content-Type", "application/http;msgtype=request")
	h.add("WARC-Concurrent-To", respID)
	if x.ip != "" {
		h.add("WARC-IP-Address", x.ip)
	}
	return h
}

func responseHeader(x *exchange, date time.Time, id, reqID, infoID string) header {
	h := baseHeader("response", id, x.target, date, infoID, x.resp)
	h.add("Content-Type", "application/http;msgtype=response")
	h.add("WARC-Payload-Digest", x.payload)
	h.add("WARC-Concurrent-To", reqID)
	if x.ip != "" {
		h.add("WARC-IP-Address", x.ip)
	}
	return h
}

// revisitHeader describes a response whose payload is already archived: the
// block keeps only the HTTP header.
func revisitHeader(x *exchange, date time.Time, id, reqID, infoID string, ref revisitRef) header {
	h := baseHeader("revisit", id, x.target, date, infoID, x.resp[:x.hdrLen])
	h.add("Content-Type", "application/http;msgtype=response")
	h.add("WARC-Profile", revisitProfile)
	h.add("WARC-Payload-Digest", x.payload)
	h.add("WARC-Refers-To-Target-URI", ref.url)
	h.add("WARC-Refers-To-Date", ref.time().Format(warcDateLayout))
	if id := ref.recordID(); id != "" {
		h.add("WARC-Refers-To", id)
	}
	h.add("WARC-Concurrent-To", reqID)
	if x.ip != "" {
		h.add("WARC-IP-Address", x.ip)
	}
	return h
}

// sha1Digest formats a WARC digest the way gowarc does: "sha1:" + base32.
func sha1Digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// newUUID returns "<urn:uuid:…>" with a random (version 4) UUID.
func newUUID() string { return formatUUID(newUUIDBytes()) }

// newUUIDBytes returns a random (version 4) UUID.
func newUUIDBytes() [16]byte {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// formatUUID writes u as a WARC-Record-ID: "<urn:uuid:…>".
// It encodes into one buffer: fmt.Sprintf boxed each of the five parts
// and made its string besides, twice a fetch.
func formatUUID(u [16]byte) string {
	const prefix = "<urn:uuid:"
	var b [len(prefix) + 36 + 1]byte
	n := copy(b[:], prefix)
	for i, part := range [...][2]int{{0, 4}, {4, 6}, {6, 8}, {8, 10}, {10, 16}} {
		if i > 0 {
			b[n] = '-'
			n++
		}
		n += hex.Encode(b[n:], u[part[0]:part[1]])
	}
	b[n] = '>'
	return string(b[:n+1])
}
