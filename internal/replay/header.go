package replay

import "net/http"

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
	h.Set("Content-Security-Policy", Policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}
