package sitesim

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// An answer as the CMS renders it (resp) and how it goes out (write):
// encoded as the site's pages are, with validators on static pages.

// resp is a rendered answer before it is written.
type resp struct {
	status int
	ctype  string
	body   string
	gbk    bool
	// gb18030: the GBK page is written in GB18030, whose four-byte
	// sequences carry what GBK lacks (the rare-chars extra)
	gb18030 bool
	mod     time.Time // Last-Modified and ETag for static pages; zero = dynamic
	loc     string    // redirect target
	header  map[string]string
	trap    string // the trap (Trap.Name) this answer belongs to, if any
	// release, if not nil, gives back the buffer body is written in
	// (pageBuf); write calls it once the answer is out.
	release func()
}

func notFound() resp {
	return resp{status: http.StatusNotFound, ctype: "text/html; charset=iso-8859-1",
		body: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n"}
}

// htmlResp is a page of s: in its byte encoding, with its header charset.
func htmlResp(s *site, body string, mod time.Time) resp {
	return resp{status: http.StatusOK, ctype: s.pageCtype(), body: body, gbk: s.Charset == "gbk", gb18030: s.has(ExtraRareChars), mod: mod}
}

// pageCtype is the Content-Type header of the site's pages.
func (s *site) pageCtype() string {
	if s.HeaderCharset == "" {
		return "text/html"
	}
	return "text/html; charset=" + s.HeaderCharset
}

func (sim *Sim) write(w http.ResponseWriter, r *http.Request, out resp) {
	if out.release != nil {
		defer out.release()
	}
	h := w.Header()
	body := out.body
	if out.gbk {
		// encoders keep state: one per response; the bytes go into a
		// pooled buffer, read in place (never written)
		e := simplifiedchinese.GBK
		if out.gb18030 {
			e = simplifiedchinese.GB18030
		}
		enc := encoding.HTMLEscapeUnsupported(e.NewEncoder())
		g := newPageBuf(len(body))
		defer g.release()
		if b, _, err := transform.Append(enc, g.b, unsafe.Slice(unsafe.StringData(body), len(body))); err == nil {
			g.b = b
			body = g.String()
		}
	}
	for k, v := range out.header {
		h.Set(k, v)
	}
	if out.ctype != "" {
		h.Set("Content-Type", out.ctype)
	}
	if out.loc != "" {
		h.Set("Location", out.loc)
	}
	if out.status == http.StatusOK && !out.mod.IsZero() {
		// the ETag names the bytes: any change of the page changes it
		h.Set("ETag", etag(out.mod, body))
		http.ServeContent(w, r, "", out.mod, strings.NewReader(body))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(out.status)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, body)
	}
}

// etag is the ETag of a static page: its Last-Modified second and the
// 64-bit FNV-1a hash of its bytes, in hexadecimal.
func etag(mod time.Time, body string) string {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	sum := uint64(offset64)
	for i := 0; i < len(body); i++ {
		sum ^= uint64(body[i])
		sum *= prime64
	}
	b := make([]byte, 0, 40)
	b = append(b, '"')
	b = strconv.AppendInt(b, mod.Unix(), 16)
	b = append(b, '-')
	b = strconv.AppendUint(b, sum, 16)
	b = append(b, '"')
	return string(b)
}
