package replay

import (
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// AttachmentPolicy is the Content-Security-Policy of an archived
// attachment: should a browser render it after all, it runs no script
// and loads nothing, sandboxed.
const AttachmentPolicy = "default-src 'none'; sandbox"

// activeTypes are the media types a browser renders as a document that
// can run script: an attachment archived under one of them is served as
// application/octet-stream.
var activeTypes = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "image/svg+xml": true, "text/xml": true, "application/xml": true,
	"text/javascript": true, "application/javascript": true, "application/x-javascript": true, "text/xsl": true,
}

// AttachmentType returns the Content-Type an archived attachment is
// served with: its archived type, unless that is none, not a media type,
// one a browser runs script in (activeTypes), or its bytes are an HTML
// page whatever its label (a .pdf that is a page): then
// application/octet-stream.
func AttachmentType(contentType string, body []byte) string {
	const opaque = "application/octet-stream"
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.Contains(mt, "/") || activeTypes[strings.ToLower(mt)] || strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return opaque
	}
	if cs := params["charset"]; cs != "" {
		return mime.FormatMediaType(strings.ToLower(mt), map[string]string{"charset": cs})
	}
	return strings.ToLower(mt)
}

// AttachmentName is the file name an archived attachment is saved under:
// the one its archived Content-Disposition gave, else the last segment
// of its URL's path, else "attachment"; without path separators or
// control characters.
func AttachmentName(rawURL, disposition string) string {
	name := ""
	if _, params, err := mime.ParseMediaType(disposition); err == nil {
		name = params["filename"]
	}
	if name == "" {
		if u, err := url.Parse(rawURL); err == nil {
			name = path.Base(u.Path)
		}
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return -1
		}
		return r
	}, name)
	if name = strings.TrimSpace(name); name == "" || name == "." || name == ".." {
		return "attachment"
	}
	return name
}

// AttachmentHeader sets the headers an archived attachment is served
// with, as typ (see AttachmentType) under the file name name: always a
// download (Content-Disposition: attachment), never sniffed as another
// type, sandboxed should it be rendered.
func AttachmentHeader(h http.Header, typ, name string) {
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if disp == "" {
		disp = "attachment"
	}
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", disp)
	h.Set("Content-Security-Policy", AttachmentPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
}
