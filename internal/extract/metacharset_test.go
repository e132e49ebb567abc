package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// metaCharsetOracle is the regular expression metaCharset is written
// from; the test holds the scan to it.
var metaCharsetOracle = regexp.MustCompile(`(?i)<(?:meta|\?xml|text)\b[^>]*?(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

func oracleCharset(head []byte) []byte {
	if m := metaCharsetOracle.FindSubmatch(head); m != nil {
		return m[1]
	}
	return nil
}

func TestMetaCharset(t *testing.T) {
	for _, tc := range []struct{ head, want string }{
		{`<meta charset="gbk">`, "gbk"},
		{`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; CHARSET=GB2312">`, "GB2312"},
		{`<meta http-equiv="Content-Type" content="text/html; charset = 'utf-8' ">`, "utf-8"},
		{`<?xml version="1.0" encoding="UTF-8"?><html>`, "UTF-8"},
		{`<text id="http://a/" title="t" encoding="gb2312">`, "gb2312"},
		{"<meta\ncharset=\n\tbig5>", "big5"},
		{`<meta charset=x-mac-chinesesimp/>`, "x-mac-chinesesimp"},
		// The first declaration wins, in a tag of its own.
		{`<meta name="a" content="b"><meta charset="gbk"><meta charset="utf-8">`, "gbk"},
		// A charset= with no value does not end the search in its tag.
		{`<meta charset="" data-charset="gb18030">`, "gb18030"},
		{`<meta content="charset" charset=gbk>`, "gbk"},
		// Not a declaring element, or its name goes on.
		{`<metadata charset="gbk"><meta charset="big5">`, "big5"},
		{`<script>var charset="gbk";</script>`, ""},
		{`<div charset="gbk">`, ""},
		// The declaration stops at its tag's end.
		{`<meta name="x"> charset=gbk`, ""},
		{`<meta name="x"`, ""},
		{`<meta name="x" charset=`, ""},
		{`<meta`, ""},
		{``, ""},
		{`<<meta charset=gbk`, "gbk"},
	} {
		got := string(metaCharset([]byte(tc.head)))
		if got != tc.want {
			t.Errorf("metaCharset(%q) = %q, want %q", tc.head, got, tc.want)
		}
		if o := string(oracleCharset([]byte(tc.head))); o != got {
			t.Errorf("metaCharset(%q) = %q, the regexp says %q", tc.head, got, o)
		}
	}
}

// TestMetaCharsetPages holds the scan to the regexp on the first bytes of
// every page in testdata and, when present, the shared corpora.
func TestMetaCharsetPages(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", corpusDir} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 100 {
		t.Fatalf("only %d pages found", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head := raw[:min(len(raw), metaScanBytes)]
		if got, want := string(metaCharset(head)), string(oracleCharset(head)); got != want {
			t.Errorf("%s: metaCharset = %q, the regexp says %q", f, got, want)
		}
	}
}

func FuzzMetaCharset(f *testing.F) {
	for _, s := range []string{`<meta charset="gbk">`, `<?xml encoding='utf-8'?>`, `<TEXT encoding = gb2312>`, `<meta content="text/html;charset=big5"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\u212a\u017f") {
			t.Skip() // the regexp's (?i) folds K and s with the Kelvin sign and long s; the scan folds ASCII only
		}
		if got, want := string(metaCharset([]byte(s))), string(oracleCharset([]byte(s))); got != want {
			t.Errorf("metaCharset(%q) = %q, the regexp says %q", s, got, want)
		}
	})
}
