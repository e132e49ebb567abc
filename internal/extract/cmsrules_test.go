package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/cms"
)

// TestCMSTestPages checks that every CMS of package cms has its test
// pages: a golden article page under testdata/<cms>/ that is detected as
// that CMS and extracted as an article.
func TestCMSTestPages(t *testing.T) {
	for _, c := range cms.All {
		found := false
		for _, tc := range goldenCases {
			if !strings.HasPrefix(tc.file, c.Name+"/") || !tc.article || tc.gbk {
				continue
			}
			src, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(tc.url)
			r, err := Extract(src, u)
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if r.Profile != c.Name {
				t.Errorf("%s: detected as %q, want %q", tc.file, r.Profile, c.Name)
				continue
			}
			found = true
		}
		if !found {
			t.Errorf("CMS %q has no golden article page under testdata/%s/ (goldenCases in extract_test.go)", c.Name, c.Name)
		}
	}
}
