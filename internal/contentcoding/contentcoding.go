// Package contentcoding undoes an HTTP response's Content-Encoding as
// servers really send it: gzip and deflate in any sequence, "deflate" as
// zlib (RFC 9110) or as the raw DEFLATE data some servers send under that
// name, a decoded size capped against decompression bombs, and a label
// that lies — a page sent plainly under "Content-Encoding: gzip" by a
// front that decompressed it and kept the header.
//
// The crawler decodes what it fetches with it and replay decodes what the
// archive holds with it, so an archived response reads as it was read
// when it was fetched. ReadCapped, which reads a body to a cap in chunks
// rather than in a growing buffer, serves the crawler's reads off the
// wire too.
package contentcoding

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Codings lists the codings of h's Content-Encoding in the order they were
// applied, lower-cased, "identity" left out.
func Codings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			if c != "" && c != "identity" {
				out = append(out, c)
			}
		}
	}
	return out
}

// Known reports whether Decode can undo every one of codings.
func Known(codings []string) bool {
	for _, c := range codings {
		if c != "gzip" && c != "x-gzip" && c != "deflate" {
			return false
		}
	}
	return true
}

// ErrTooLarge is returned (wrapped) by Decode when the body decodes to
// more than the cap.
var ErrTooLarge = errors.New("decodes to over the cap")

// An Error is a failure to decode data in a coding. Truncated tells data
// that stops short from data that is not in the coding at all.
type Error struct {
	Coding    string // the coding, or the codings joined with ", "
	Truncated bool
	Err       error
}

func (e *Error) Error() string {
	if e.Truncated {
		return fmt.Sprintf("%s data ends early: %v", e.Coding, e.Err)
	}
	return fmt.Sprintf("%s data: %v", e.Coding, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Decode undoes codings (as Codings lists them; each must be Known) on raw
// and returns the decoded body, at most max bytes. plain is true when the
// label lied and raw is returned as it came: a body labelled gzip that
// lacks gzip's magic number, or one labelled deflate that is not deflate
// data, and that begins as markup does. A body over max is an error
// wrapping ErrTooLarge; data that is not in its coding or ends early an
// *Error.
func Decode(raw []byte, codings []string, max int64) (body []byte, plain bool, err error) {
	if len(codings) == 0 {
		return raw, false, nil
	}
	if len(codings) == 1 && notGzip(raw, codings[0]) {
		return raw, true, nil
	}
	var rd io.Reader = bytes.NewReader(raw)
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		if codings[i] == "deflate" {
			rd, err = deflateReader(rd)
		} else {
			rd, err = gzip.NewReader(rd)
		}
		if err != nil {
			return nil, false, codingErr(codings[i], err)
		}
	}
	body, n, err := ReadCapped(rd, max, -1)
	if err != nil {
		if len(codings) == 1 && codings[0] == "deflate" && IsCorrupt(err) && markup(raw) {
			// Not deflate data at all but the page, sent plainly
			// under the label (raw DEFLATE has no magic number to tell
			// it by beforehand).
			return raw, true, nil
		}
		return nil, false, codingErr(strings.Join(codings, ", "), err)
	}
	if n > max {
		return nil, false, fmt.Errorf("%s body of %d bytes %w of %d bytes", strings.Join(codings, ", "), len(raw), ErrTooLarge, max)
	}
	return body, false, nil
}

// notGzip reports whether a body announced in gzip is plainly not gzip
// data but markup as sent: gzip data begins with its magic number 1f 8b.
func notGzip(raw []byte, coding string) bool {
	if coding != "gzip" && coding != "x-gzip" || len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b {
		return false
	}
	return markup(raw)
}

// markup reports whether b begins as a page does: "<" after any UTF-8
// byte order mark and white space.
func markup(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	return len(b) > 0 && b[0] == '<'
}

// deflateReader reads "deflate" as RFC 9110 has it (zlib), or as the raw
// DEFLATE data that some servers send under that name.
func deflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, err
	}
	// A zlib header: CM 8, and the 16-bit header a multiple of 31.
	if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// codingErr classifies a decoder's failure: data that stops short is
// truncated, anything else is not in the coding.
func codingErr(coding string, err error) error {
	return &Error{Coding: coding, Truncated: errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF), Err: err}
}

// IsCorrupt reports whether err is a decompressor's complaint about its
// input.
func IsCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, zlib.ErrHeader) || errors.Is(err, zlib.ErrChecksum)
}

// firstChunk and readChunk are the least and the most a chunk of a body
// of unknown length holds: the chunks double from the first to the
// most, so that a page of a few kilobytes (most pages, sent chunked)
// costs a few kilobytes, and a long body no more than readChunk beyond
// its length.
const (
	firstChunk = 16 << 10
	readChunk  = 256 << 10
)

// ReadCapped reads r to its end, but no more than max+1 bytes, and returns
// them with their count; a count over max means r is longer, and no bytes
// are returned then. A body of known length (hint, -1 if unknown) is read
// into one buffer of that size; otherwise into chunks (see firstChunk),
// joined once at the end, so that a body cut off at the cap has cost max
// bytes, not the doubling growth of a single buffer.
func ReadCapped(r io.Reader, max, hint int64) ([]byte, int64, error) {
	r = io.LimitReader(r, max+1)
	size := int64(firstChunk)
	if hint >= 0 && hint <= max {
		size = hint + 1 // room to see the end (or one byte more)
	}
	var chunks [][]byte
	cur := make([]byte, 0, min(size, max+1))
	var n int64
	for {
		if len(cur) == cap(cur) {
			chunks = append(chunks, cur)
			next := 2 * int64(cap(cur))
			if next < firstChunk {
				next = firstChunk
			}
			cur = make([]byte, 0, min(next, readChunk, max+1-n))
			if cap(cur) == 0 {
				break
			}
		}
		k, err := r.Read(cur[len(cur):cap(cur)])
		cur = cur[:len(cur)+k]
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, n, err
		}
	}
	if n > max {
		return nil, n, nil
	}
	return join(append(chunks, cur), n), n, nil
}

// join concatenates chunks of n bytes in all.
func join(chunks [][]byte, n int64) []byte {
	if len(chunks) == 1 {
		return chunks[0]
	}
	out := make([]byte, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}
