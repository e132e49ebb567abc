package crawl

import "testing"

// TestCanonicalRoute checks that a query opening with a route (a path
// with no "=", read by PHP front controllers run without URL rewriting:
// PbootCMS's compatible mode, index.php?/news/12.html) keeps it first
// while the other parameters are cleaned and sorted as in any query;
// a first piece that is no path is sorted with the rest.
func TestCanonicalRoute(t *testing.T) {
	for _, c := range [][2]string{
		{"http://a.test/?search/&keyword=%E5%BF%97&page=2", "http://a.test/?search/&keyword=%E5%BF%97&page=2"},
		{"http://a.test/?message/&page=2", "http://a.test/?message/&page=2"},
		{"http://a.test/?gzdt_2/", "http://a.test/?gzdt_2/"},
		{"http://a.test/index.php?/news/12.html&utm_source=wx&b=2&a=1", "http://a.test/index.php?/news/12.html&a=1&b=2"},
		{"http://a.test/?tag/&page=1&tag=x", "http://a.test/?tag/&tag=x"},
		{"http://a.test/list.php?x&b=1&a=2", "http://a.test/list.php?a=2&b=1&x"},
		{"http://a.test/list.php?b=1&a/b", "http://a.test/list.php?a/b&b=1"},
		{"http://a.test/plus/search.php?q=a/b&kwtype=0", "http://a.test/plus/search.php?kwtype=0&q=a/b"},
	} {
		in, want := c[0], c[1]
		got, err := Canonicalize(in)
		again, _ := Canonicalize(got)
		switch {
		case err != nil:
			t.Errorf("Canonicalize(%q): %v", in, err)
		case got != want:
			t.Errorf("Canonicalize(%q) = %q, want %q", in, got, want)
		case again != got:
			t.Errorf("Canonicalize(%q) = %q: not idempotent", got, again)
		}
	}
}
