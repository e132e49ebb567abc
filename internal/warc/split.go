package warc

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// errIncomplete: the buffered bytes do not yet hold a whole exchange.
var errIncomplete = errors.New("archive: exchange incomplete")

// sliceReader reads a byte slice and reports how much was consumed.
type sliceReader struct {
	b   []byte
	off int
}

func (s *sliceReader) Read(p []byte) (int, error) {
	if s.off >= len(s.b) {
		return 0, io.EOF
	}
	n := copy(p, s.b[s.off:])
	s.off += n
	return n, nil
}

// splitExchange cuts the first request from out and its response from in.
// eof reports that no more response bytes will come (needed for bodies
// delimited by the connection's close). It returns the exchange and how many
// bytes of out and in it used, or errIncomplete.
//
// rd holds the buffered readers to parse with (nil: new ones); a
// connection keeps its own, which saves two 4 KB buffers per exchange.
func splitExchange(out, in []byte, eof bool, scheme string, rd *splitReaders) (*exchange, int, int, error) {
	if rd == nil {
		rd = &splitReaders{}
	}
	defer rd.release()
	// Request: net/http wrote it, so it parses; a body is drained to find its end.
	sr := &sliceReader{b: out}
	br := rd.reader(&rd.out, sr)
	req, err := http.ReadRequest(br)
	if err != nil {
		return nil, 0, 0, errIncomplete
	}
	if _, err := io.Copy(io.Discard, req.Body); err != nil {
		return nil, 0, 0, errIncomplete
	}
	nOut := sr.off - br.Buffered()

	x := &exchange{request: out[:nOut], target: requestTarget(scheme, req)}

	// Response, skipping interim 1xx responses (kept in the record).
	sr = &sliceReader{b: in}
	br = rd.reader(&rd.in, sr)
	var resp *http.Response
	for {
		resp, err = http.ReadResponse(br, req)
		if err != nil {
			return nil, 0, 0, errIncomplete
		}
		if resp.StatusCode >= 200 || resp.StatusCode == http.StatusSwitchingProtocols {
			break
		}
	}
	x.hdrLen = sr.off - br.Buffered()
	closeDelimited := resp.ContentLength < 0 && len(resp.TransferEncoding) == 0 && resp.Body != http.NoBody
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return nil, 0, 0, errIncomplete
	}
	if closeDelimited && !eof {
		return nil, 0, 0, errIncomplete
	}
	nIn := sr.off - br.Buffered()
	x.resp = in[:nIn]
	x.status = resp.StatusCode
	x.mime = mediaType(resp.Header.Get("Content-Type"))
	// Payload digest over the bytes after the HTTP header, as sent (transfer
	// coding included), which is what nlnwa/gowarc and warcio verify.
	x.payload = sha1Digest(x.resp[x.hdrLen:])
	return x, nOut, nIn, nil
}

// splitReaders are the buffered readers splitExchange reads a request
// and a response with.
type splitReaders struct{ out, in *bufio.Reader }

// reader returns *br reset to read src, making it the first time.
func (rd *splitReaders) reader(br **bufio.Reader, src io.Reader) *bufio.Reader {
	if *br == nil {
		*br = bufio.NewReader(src)
	} else {
		(*br).Reset(src)
	}
	return *br
}

// release lets go of the bytes the readers were reading.
func (rd *splitReaders) release() {
	for _, br := range []*bufio.Reader{rd.out, rd.in} {
		if br != nil {
			br.Reset(nil)
		}
	}
}

// requestTarget is the URL a request asked for: absolute-URI requests (to a
// proxy) as written, origin-form ones completed with scheme and Host.
func requestTarget(scheme string, req *http.Request) string {
	if strings.HasPrefix(req.RequestURI, "http://") || strings.HasPrefix(req.RequestURI, "https://") {
		return req.RequestURI
	}
	return scheme + "://" + req.Host + req.RequestURI
}

// mediaType is the lower-case media type of a Content-Type, "unk" if absent.
func mediaType(ct string) string {
	if ct == "" {
		return "unk"
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	if mt == "" {
		return "unk"
	}
	return mt
}

// lookupKey normalises a URL for Lookup: lower-case scheme and host, no
// default port, "/" for an empty path, no fragment.
func lookupKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" && (u.Scheme != "http" || port != "80") && (u.Scheme != "https" || port != "443") {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String()
}

// bytesHasCRLF2 reports whether b ends with the WARC record trailer.
func bytesHasCRLF2(b []byte) bool { return bytes.HasSuffix(b, []byte("\r\n\r\n")) }
