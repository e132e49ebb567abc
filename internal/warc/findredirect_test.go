package warc

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestFindRedirectIn: a redirect captured in a run is found after it by
// its URL, with where it led (the Location resolved), and the target's
// own capture by FindURLIn; a URL captured 2xx or never has no redirect.
func TestFindRedirectIn(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	rec := openT(t, Options{Dir: dir, Prefix: "test", Software: "wenming-test", UserAgent: "wenming-test/1"})
	c := rec.Client()
	for _, p := range []string{"/redirect", "/page/1"} {
		if status, _ := fetch(t, c, srv.URL+p); status != http.StatusOK {
			t.Fatalf("%s: status %d", p, status)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	dirs := []string{t.TempDir(), dir} // an empty directory is passed over
	to, ok, err := FindRedirectIn(dirs, srv.URL+"/redirect")
	if err != nil || !ok || to != srv.URL+"/page/target" {
		t.Errorf("FindRedirectIn(/redirect) = %q, %v, %v; want %s", to, ok, err, srv.URL+"/page/target")
	}
	if _, _, ok, err := FindURLIn(dirs, to); err != nil || !ok {
		t.Errorf("FindURLIn(%s): %v, %v; want the target's capture", to, ok, err)
	}
	for _, p := range []string{"/page/1", "/page/never"} {
		if to, ok, err := FindRedirectIn(dirs, srv.URL+p); err != nil || ok {
			t.Errorf("FindRedirectIn(%s) = %q, %v, %v; want none", p, to, ok, err)
		}
	}
}
