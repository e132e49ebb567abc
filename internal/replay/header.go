package replay

import (
	"mime"
	"net/http"
	"strings"
)

// Sandbox is the sandbox a replayed page gets, both in its
// Content-Security-Policy and on the iframe that shows it: no token but
// top navigation on a click, so the page has an opaque origin and can run
// no script, submit no form, open no window and load no plugin. Its links
// (rewritten with target=_top) replace the replay page when clicked.
const Sandbox = "allow-top-navigation-by-user-activation"

// Policy is the Content-Security-Policy of a replayed page: sandboxed, no
// fetches of any kind (the inline style the page carries is kept, and
// data: images), framed only by the archive itself.
const Policy = "sandbox " + Sandbox + "; default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
	"font-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"

// Header sets the headers a replayed page is served with.
func Header(h http.Header) {
	HeaderImages(h, "")
}

// HeaderImages sets the headers of a replayed page whose archived images
// are served from imageSource, a CSP source expression naming the one
// route that serves them (host and path, such as
// "127.0.0.1:8080/replay-image"): Policy with that source added to
// img-src, and nothing else allowed. "" is Header.
func HeaderImages(h http.Header, imageSource string) {
	policy := Policy
	if imageSource != "" {
		policy = strings.Replace(Policy, "img-src data:;", "img-src data: "+imageSource+";", 1)
	}
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// ImagePolicy is the Content-Security-Policy of an archived image served
// to a replay: should the image be opened on its own (an SVG is a
// document then), it runs no script and loads nothing, sandboxed.
const ImagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// imageTypes are the media types an archived image is served as: the
// raster formats browsers show, and SVG, which runs no script in an
// <img> and none opened alone under ImagePolicy.
var imageTypes = map[string]bool{
	"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true, "image/avif": true,
	"image/bmp": true, "image/x-icon": true, "image/vnd.microsoft.icon": true, "image/svg+xml": true,
}

// ImageType returns the Content-Type an archived answer is served with
// as an image, or false when it is not served at all: its archived type
// must be one of the image types above, and its bytes must not be an
// HTML page (an error page labelled image/jpeg).
func ImageType(contentType string, body []byte) (string, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || !imageTypes[strings.ToLower(mt)] {
		return "", false
	}
	if strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return "", false
	}
	return strings.ToLower(mt), true
}

// ImageHeader sets the headers an archived image is served with, as
// typ (see ImageType): never sniffed as another type, sandboxed. No
// Cross-Origin-Resource-Policy: the replayed page that shows the image
// has an opaque origin, from which same-origin would refuse it.
func ImageHeader(h http.Header, typ string) {
	h.Set("Content-Type", typ)
	h.Set("Content-Security-Policy", ImagePolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", "inline")
}
