package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/wenming-archive/wenming/internal/contentcoding"
)

// Kinds of failed fetches: the keys of Summary.Errors that a fetch can
// end in besides the HTTP status kinds (http_404, http_4xx, http_5xx,
// redirect for an unfollowed 3xx). Whether the crawler fetches again
// after one (up to Options.Retries) is noted with each.
const (
	// KindTimeout: the exchange, body included, did not finish within
	// Options.Timeout (a server that stalls or drips). Retried.
	KindTimeout = "timeout"
	// KindTruncated: the connection ended before the body did (fewer bytes
	// than Content-Length, a chunked body cut off, a compressed body that
	// stops mid-stream). Nothing of it is used. Retried.
	KindTruncated = "truncated"
	// KindConnectionReset: the server reset the connection, or closed it
	// before answering. Retried.
	KindConnectionReset = "connection_reset"
	// KindNetwork: any other transport failure (DNS, refused connection,
	// TLS …). Retried.
	KindNetwork = "network"
	// KindTooLarge: the body on the wire is longer than
	// Options.MaxBodyBytes (announced by Content-Length, or found while
	// reading, which stops at the cap). Not retried.
	KindTooLarge = "too_large"
	// KindDecompressionBomb: the body fits the cap as sent, but decoding
	// its Content-Encoding (gzip, deflate) would exceed
	// Options.MaxBodyBytes; decoding stops at the cap. Not retried.
	KindDecompressionBomb = "decompression_bomb"
	// KindBadEncoding: the body is not valid in the Content-Encoding it
	// claims (corrupt gzip or deflate data). Not retried.
	KindBadEncoding = "bad_encoding"
	// KindBadScheme: a redirect to a scheme other than http and https
	// (file:, ftp:, javascript: …). Not retried.
	KindBadScheme = "bad_scheme"
	// KindRedirectLoop: more than maxRedirects redirects in a row. Not
	// retried.
	KindRedirectLoop = "redirect_loop"
	// KindRedirect: a redirect that is not followed: out of the hierarchy,
	// disallowed by robots.txt, or a 3xx answer without a usable Location.
	// Not retried.
	KindRedirect = "redirect"
	// KindBadURL: a URL (or redirect target) that cannot be parsed or
	// canonicalized. Not retried.
	KindBadURL = "bad_url"
	// KindDecode: a page whose charset cannot be decoded. Not retried.
	KindDecode = "decode"
	// KindRobotsUnreachable: the host's robots.txt answered a server
	// error ([ErrRobotsUnavailable]), so nothing of the host may be
	// fetched for now: a failure of the site, not a disallowed URL (those
	// count in Summary.RobotsBlocked). Retried.
	KindRobotsUnreachable = "robots_unreachable"
	// KindBotChallenge: an error status (412, 521 …) whose page is a
	// JavaScript anti-bot challenge — a script that sets a cookie and
	// reloads, as the web application firewalls in front of many
	// government sites answer a client that runs no scripts. wenming runs
	// none, so such a site cannot be archived without a browser. Not
	// retried.
	KindBotChallenge = "bot_challenge"
	// KindCertificate: an HTTPS certificate that failed verification, with
	// Options.StrictTLS (without it the page is fetched and the host
	// noted). Not retried.
	KindCertificate = "certificate"
	// KindTLSHandshake: an HTTPS server that refused the protocol
	// versions and cipher suites offered — with Options.StrictTLS, a
	// server of TLS 1.0 or of RSA key exchange only (see ClientTLS). Not
	// retried: the same offer is refused again.
	KindTLSHandshake = "tls_handshake"
)

// maxChallengeBytes bounds the error page read for a bot challenge: the
// challenges are a few kilobytes of script.
const maxChallengeBytes = 64 << 10

// isBotChallenge reports whether an error answer (its status and page) is
// a script that sets a cookie and loads the page again (see
// KindBotChallenge).
func isBotChallenge(status int, b []byte) bool {
	if status < 400 || len(b) == 0 {
		return false
	}
	return bytes.Contains(b, []byte("<script")) && bytes.Contains(b, []byte("document.cookie")) &&
		(bytes.Contains(b, []byte("location")) || bytes.Contains(b, []byte("reload")))
}

// botChallengeError explains a KindBotChallenge answer.
func botChallengeError(status int) error {
	return &FetchError{Kind: KindBotChallenge, Err: fmt.Errorf("HTTP %d: a JavaScript anti-bot challenge (a script sets a cookie and reloads); wenming runs no scripts, so this site cannot be archived without a browser", status)}
}

// maxRedirects is the longest chain of redirects followed for one fetch.
const maxRedirects = 10

// FetchError is a fetch that failed in a way the crawler tells apart: Kind
// is one of the Kind constants. Callers match it with errors.As; the
// underlying error stays reachable through Unwrap.
type FetchError struct {
	Kind string
	Err  error
}

func (e *FetchError) Error() string {
	if e.Err == nil {
		return e.Kind
	}
	return e.Kind + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *FetchError) Unwrap() error { return e.Err }

func fetchErr(kind string, format string, args ...any) *FetchError {
	return &FetchError{Kind: kind, Err: fmt.Errorf(format, args...)}
}

// errKind names the kind of a fetch error for the summary: the Kind of a
// FetchError, else what the transport's error says (a timeout, a reset),
// else KindNetwork.
func errKind(err error) string {
	var fe *FetchError
	var ne net.Error
	if de, ok := AsDiskError(err); ok {
		// The WARC recorder could not write the exchange: not the network.
		return de.Kind
	}
	switch {
	case errors.As(err, &fe):
		return fe.Kind
	case errors.Is(err, ErrRobotsUnavailable):
		return KindRobotsUnreachable
	case isCertificateError(err):
		return KindCertificate
	case isHandshakeRefusal(err):
		return KindTLSHandshake
	case errors.Is(err, errRobots):
		return KindRedirect
	case errors.As(err, new(*siteMoved)):
		// A homepage's redirect the crawl stopped at to follow the site
		// to its new host (moved.go): no failure to try again.
		return KindRedirect
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		// http.Client reports its Timeout as a net.Error of its own.
		return KindTimeout
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF):
		// io.EOF: the server closed the connection without an answer.
		return KindConnectionReset
	case errors.Is(err, io.ErrUnexpectedEOF):
		return KindTruncated
	}
	return KindNetwork
}

// retryableKind reports whether a fetch that failed with this kind of
// error is worth trying again: a failure of the network or the server's
// moment may pass; an answer that is too large, malformed or pointed
// elsewhere will be the same next time.
func retryableKind(kind string) bool {
	switch kind {
	case KindTimeout, KindTruncated, KindConnectionReset, KindNetwork, KindRobotsUnreachable:
		return true
	}
	return false
}

// guard is the transport between colly and the network (or the WARC
// recorder): it reads each response body itself, whole, under a deadline
// and a size cap, decodes its Content-Encoding under a cap on the decoded
// size, and hands colly the finished bytes. Hostile servers — a stalled or
// dripping body, a body shorter than its Content-Length, a huge page, a
// compression bomb, a reset — thus cost at most Options.Timeout (and a
// second for every minBodyRate bytes they sent: allowance.go) and memory
// in proportion to Options.MaxBodyBytes (the body as sent and as decoded,
// each at most the cap), and end in a FetchError of their kind.
//
// The inner transport sees the raw exchange (the recorder archives the
// bytes on the wire); only the response handed upwards is decoded. Every
// response leaves with Uncompressed set, which keeps colly from gunzipping
// again — colly would otherwise gunzip without a limit any body whose
// Content-Type mentions gzip (application/x-gzip), or whose path ends in
// .xml.gz.
type guard struct {
	inner   http.RoundTripper
	maxBody int64
	timeout time.Duration
}

// acceptEncoding is what the guard asks for: what it can decode itself.
// Setting it also keeps net/http from gunzipping transparently, which
// would hide the encoding (and a bomb) from the guard.
const acceptEncoding = "gzip, deflate"

// RoundTrip implements http.RoundTripper.
func (g guard) RoundTrip(r *http.Request) (*http.Response, error) {
	head, headOnly := r.Context().Value(headOnlyKey{}).(captureHead)
	if headOnly {
		g.maxBody = head.max // a capture's own cap (see headOnly)
	}
	h, _ := r.Context().Value(heldBodyKey{}).(*heldBody)
	if h != nil {
		h.body, h.ok = nil, false // an earlier answer (a redirect) is not this one's
	}
	ctx, paced, stop := allow(r.Context(), g.timeout)
	defer stop()
	out := r.Clone(ctx)
	if out.Header.Get("Accept-Encoding") == "" {
		out.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := g.inner.RoundTrip(out)
	if err != nil {
		return nil, g.timedOut(ctx, err)
	}
	resp.Request = r
	if resp.Body == nil || resp.Body == http.NoBody {
		resp.Uncompressed = true
		return resp, nil
	}
	resp.Body = pacedBody{ReadCloser: resp.Body, a: paced}
	raw, err := g.readBody(ctx, resp, head.keep)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Redacted(), err)
	}
	body := raw
	switch {
	case !headOnly:
		if body, err = g.decode(raw, resp); err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.Method, r.URL.Redacted(), err)
		}
	case len(raw) < head.keep:
		// The whole body was kept (a small page): decoded for reading
		// within the same bound, else left as it came.
		if dec, err := (guard{maxBody: int64(head.keep)}).decode(raw, resp); err == nil {
			body = dec
		}
	}
	if h != nil {
		h.body, h.ok = body, true
		resp.Body = http.NoBody
	} else {
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp.Uncompressed = true
	return resp, nil
}

// heldBody takes the body of the answer to a request whose context holds
// it under heldBodyKey: the guard has read the whole body already, and
// colly would read it again from the response into a buffer it grows by
// doubling (io.ReadAll: 2.3 times the body in allocations, 522 MB in a
// 20,000-article crawl, 8% of the crawl's). Colly gets an empty body
// then. Each answer of the request's redirects replaces the one before,
// so the body held is that of the answer colly gets; ok is false until an
// answer with a body came through the guard whole.
type heldBody struct {
	body []byte
	ok   bool
}

// heldBodyKey is the context key of a request's *heldBody.
type heldBodyKey struct{}

// holding returns ctx with h to receive the bodies the guard reads.
func holding(ctx context.Context, h *heldBody) context.Context {
	return context.WithValue(ctx, heldBodyKey{}, h)
}

// headOnlyKey is the context key of a capture's request (an image, an
// attachment: see fetchCapture), its value the captureHead of its body.
type headOnlyKey struct{}

// captureHead is how the guard reads a capture's body: to its end, at
// most max bytes, keeping its first keep bytes.
type captureHead struct {
	max  int64
	keep int
}

// headOnly returns ctx with the bodies of its requests read to their end
// under the deadline and a cap of n bytes (a longer answer is
// KindTooLarge), which replaces the guard's own, but kept only for their
// first keep bytes (at least sniffLen) and not decoded unless kept whole:
// the recorder below the guard archives the whole exchange, and the
// crawler looks at nothing but the head (an attachment's is a small
// download page whole: downloadpage.go). The guard then holds no copy of
// the body, so n may be above Options.MaxBodyBytes: the memory a capture
// costs is the recorder's copy of it and its head.
func headOnly(ctx context.Context, n int64, keep int) context.Context {
	return context.WithValue(ctx, headOnlyKey{}, captureHead{max: n, keep: max(keep, sniffLen)})
}

// sniffLen is the least of a capture's body the guard keeps: what
// http.DetectContentType reads.
const sniffLen = 512

// timedOut turns an error that came of the exchange's allowance running
// out (allowance.go) into a KindTimeout FetchError; other errors pass
// unchanged.
func (g guard) timedOut(ctx context.Context, err error) error {
	if spent(ctx) {
		return &FetchError{Kind: KindTimeout, Err: fmt.Errorf("no complete answer within %v and a second for every %d KiB received: %w", g.timeout, minBodyRate>>10, err)}
	}
	return err
}

// readBody reads the whole body on the wire, at most maxBody bytes, and
// checks it against Content-Length; with keep above 0 (a capture's: see
// headOnly) it returns only its first keep bytes.
func (g guard) readBody(ctx context.Context, resp *http.Response, keep int) ([]byte, error) {
	if resp.ContentLength > g.maxBody {
		return nil, fetchErr(KindTooLarge, "Content-Length %d is over the %d-byte cap", resp.ContentLength, g.maxBody)
	}
	read := contentcoding.ReadCapped
	if keep > 0 {
		read = func(r io.Reader, max, _ int64) ([]byte, int64, error) { return drainCapped(r, max, keep) }
	}
	body, n, err := read(resp.Body, g.maxBody, resp.ContentLength)
	if err != nil {
		if ctx.Err() != nil {
			return nil, g.timedOut(ctx, fmt.Errorf("read body (%d bytes read): %w", n, err))
		}
		switch kind := errKind(err); kind {
		case KindTimeout, KindTruncated, KindConnectionReset:
			return nil, &FetchError{Kind: kind, Err: fmt.Errorf("read body (%d bytes read): %w", n, err)}
		}
		if resp.Uncompressed && contentcoding.IsCorrupt(err) {
			// net/http gunzipped it (an inner transport of its own).
			return nil, &FetchError{Kind: KindBadEncoding, Err: fmt.Errorf("read body: %w", err)}
		}
		return nil, fmt.Errorf("read body (%d bytes read): %w", n, err)
	}
	if n > g.maxBody {
		if resp.Uncompressed {
			return nil, fetchErr(KindDecompressionBomb, "decoded body is over the %d-byte cap", g.maxBody)
		}
		return nil, fetchErr(KindTooLarge, "body is over the %d-byte cap", g.maxBody)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		// net/http's own transport catches this (io.ErrUnexpectedEOF);
		// another inner transport may not.
		return nil, fetchErr(KindTruncated, "body of %d bytes, Content-Length %d", n, resp.ContentLength)
	}
	return body, nil
}

// drainCapped is contentcoding.ReadCapped keeping only the first keep bytes of r: it
// reads r to its end, but no more than max+1 bytes, through one small
// buffer, whatever its length.
func drainCapped(r io.Reader, max int64, keep int) ([]byte, int64, error) {
	h := &headWriter{head: make([]byte, 0, keep)}
	n, err := io.Copy(h, io.LimitReader(r, max+1))
	if err != nil || n > max {
		return nil, n, err
	}
	return h.head, n, nil
}

// headWriter keeps the first cap(head) bytes written to it and drops
// the rest.
type headWriter struct{ head []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if room := cap(w.head) - len(w.head); room > 0 {
		w.head = append(w.head, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// decode undoes the response's Content-Encoding (gzip, deflate, in any
// sequence; see contentcoding) with the decoded size capped at maxBody,
// and fixes the headers to describe the decoded body. A body in an
// encoding the guard does not know is passed on as it came.
func (g guard) decode(raw []byte, resp *http.Response) ([]byte, error) {
	codings := contentcoding.Codings(resp.Header)
	if len(codings) == 0 || !contentcoding.Known(codings) {
		return raw, nil
	}
	body, _, err := contentcoding.Decode(raw, codings, g.maxBody)
	if errors.Is(err, contentcoding.ErrTooLarge) {
		return nil, &FetchError{Kind: KindDecompressionBomb, Err: err}
	}
	var ce *contentcoding.Error
	if errors.As(err, &ce) {
		kind := KindBadEncoding
		if ce.Truncated {
			kind = KindTruncated
		}
		return nil, &FetchError{Kind: kind, Err: err}
	}
	if err != nil {
		return nil, err
	}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = int64(len(body))
	return body, nil
}

// checkRedirectChain is the part of checkRedirect that needs no crawl
// state: only http(s) targets, at most maxRedirects in a row.
func checkRedirectChain(req *http.Request, via []*http.Request) error {
	if s := strings.ToLower(req.URL.Scheme); s != "http" && s != "https" {
		return fetchErr(KindBadScheme, "redirect to %s: scheme %s is not http(s)", req.URL.Redacted(), strconv.Quote(req.URL.Scheme))
	}
	if len(via) > maxRedirects {
		return fetchErr(KindRedirectLoop, "redirect to %s: over %d redirects from %s", req.URL.Redacted(), maxRedirects, via[0].URL.Redacted())
	}
	return nil
}

// origContentTypeKey keeps, in the colly request context, the
// Content-Type that hideCharset took the charset out of.
const origContentTypeKey = "wenming.contentType"

// hideCharset is an OnResponseHeaders callback that takes the charset
// parameter out of the Content-Type colly sees. colly converts a body to
// UTF-8 by that charset before OnResponse, which then decoded it a second
// time (extract.Decode, which reads the same header): a GBK page served as
// "text/html; charset=gbk" came out garbled and was never archived.
// extract.Decode is the better decoder (GB18030 for the GBK family, a page
// declared UTF-8 but written in GBK, replacement characters for invalid
// bytes), so it alone decodes; contentType returns the header as sent.
func hideCharset(r *colly.Response) {
	ct := r.Headers.Get("Content-Type")
	if !strings.Contains(strings.ToLower(ct), "charset") {
		return
	}
	r.Ctx.Put(origContentTypeKey, ct)
	mt, _, _ := strings.Cut(ct, ";")
	r.Headers.Set("Content-Type", strings.TrimSpace(mt))
}

// contentType is the response's Content-Type as the server sent it.
func contentType(r *colly.Response) string {
	if ct, ok := r.Ctx.GetAny(origContentTypeKey).(string); ok {
		return ct
	}
	return r.Headers.Get("Content-Type")
}
