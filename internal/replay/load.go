package replay

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/contentcoding"
	"github.com/wenming-archive/wenming/internal/warc"
)

// ErrMissing says the capture cannot be found: its WARC file is gone, or a
// revisit record's payload is not in the CDXJ index (yet: a crawl that is
// still running indexes its records when it ends).
var ErrMissing = errors.New("capture missing")

// MaxBody bounds a replayed response body after its Content-Encoding is
// decoded.
const MaxBody = 32 << 20

// Response is an archived HTTP response.
type Response struct {
	URL    string    // WARC-Target-URI of the record
	Time   time.Time // WARC-Date of the record: when it was fetched
	Status int
	Header http.Header // the archived response's headers
	Body   []byte      // payload, Content-Encoding decoded
	// PayloadTime is, for a revisit record, when the payload was first
	// archived (the record it refers to); zero otherwise.
	PayloadTime time.Time
}

// ContentType is the archived Content-Type header.
func (r *Response) ContentType() string { return r.Header.Get("Content-Type") }

// Load reads the response that capture c locates in the WARC directory dir.
func Load(dir string, c article.Capture) (*Response, error) {
	rec, block, err := readRecord(dir, c.File, c.Offset, c.Length)
	if err != nil {
		return nil, err
	}
	if rec.Type != "response" && rec.Type != "revisit" {
		return nil, fmt.Errorf("%s at %d: a %s record, not a response", c.File, c.Offset, rec.Type)
	}
	resp, err := parseResponse(block, rec.Type == "revisit")
	if err != nil {
		return nil, fmt.Errorf("%s at %d: %w", c.File, c.Offset, err)
	}
	resp.URL, resp.Time = rec.URL, rec.Time
	if rec.Type == "revisit" {
		orig, err := findPayload(dir, rec)
		if err != nil {
			return nil, err
		}
		resp.Body, resp.PayloadTime = orig.Body, orig.Time
		// The payload's encoding is the original response's.
		resp.Header.Set("Content-Type", cmp.Or(resp.Header.Get("Content-Type"), orig.Header.Get("Content-Type")))
	}
	return resp, nil
}

// findPayload loads the response record a revisit record refers to.
func findPayload(dir string, rec warc.Record) (*Response, error) {
	if rec.RefersURI == "" || rec.RefersDate.IsZero() {
		return nil, fmt.Errorf("revisit record of %s names no earlier record: %w", rec.URL, ErrMissing)
	}
	f, err := os.Open(filepath.Join(dir, warc.IndexName))
	if err != nil {
		return nil, fmt.Errorf("find the payload of a revisit of %s: %w", rec.URL, errors.Join(ErrMissing, err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("find the payload of a revisit of %s: %w", rec.URL, err)
	}
	c, ok, err := warc.NewSortedIndex(f, fi.Size()).FindResponse(rec.RefersURI, rec.RefersDate)
	if err != nil {
		return nil, fmt.Errorf("find the payload of a revisit of %s: %w", rec.URL, err)
	}
	if !ok {
		return nil, fmt.Errorf("the payload of a revisit of %s (%s, %s) is not in %s: %w", rec.URL, rec.RefersURI,
			rec.RefersDate.Format(time.RFC3339), warc.IndexName, ErrMissing)
	}
	orig, block, err := readRecord(dir, c.File, c.Offset, c.Length)
	if err != nil {
		return nil, err
	}
	if orig.Type != "response" {
		return nil, fmt.Errorf("%s at %d: the revisited record is a %s: %w", c.File, c.Offset, orig.Type, ErrMissing)
	}
	resp, err := parseResponse(block, false)
	if err != nil {
		return nil, fmt.Errorf("%s at %d: %w", c.File, c.Offset, err)
	}
	resp.URL, resp.Time = orig.URL, orig.Time
	return resp, nil
}

// readRecord reads the gzip member of length bytes at offset in dir/file
// and returns its header fields and its block.
func readRecord(dir, file string, offset, length int64) (warc.Record, []byte, error) {
	rec, block, err := warc.ReadAt(dir, file, offset, length, MaxBody+1<<20)
	if errors.Is(err, os.ErrNotExist) {
		err = fmt.Errorf("%w: %w", ErrMissing, err)
	}
	return rec, block, err
}

// parseResponse reads an HTTP response message; a revisit's block holds
// the headers only.
func parseResponse(block []byte, headersOnly bool) (*Response, error) {
	hr, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, fmt.Errorf("archived HTTP response: %w", err)
	}
	defer hr.Body.Close()
	r := &Response{Status: hr.StatusCode, Header: hr.Header}
	if headersOnly {
		return r, nil
	}
	raw, err := io.ReadAll(io.LimitReader(hr.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("archived HTTP body: %w", err)
	}
	if r.Body, err = decodeContent(raw, hr.Header); err != nil {
		return nil, err
	}
	return r, nil
}

// decodeContent undoes the Content-Encoding codings gzip and deflate as
// the crawler did when it fetched the response (contentcoding: a label
// over plain markup is read as the label's lie it is); a body in another
// coding is refused.
func decodeContent(raw []byte, h http.Header) ([]byte, error) {
	codings := contentcoding.Codings(h)
	if !contentcoding.Known(codings) {
		return nil, fmt.Errorf("archived body in Content-Encoding %q, which replay cannot decode", strings.Join(codings, ", "))
	}
	body, _, err := contentcoding.Decode(raw, codings, MaxBody)
	if err != nil {
		return nil, fmt.Errorf("archived body: %w", err)
	}
	h.Del("Content-Encoding")
	h.Del("Content-Length")
	return body, nil
}
