package extract

import (
	"strings"
	"testing"
)

// indexSlow is what the scanner must find: the first offset of each
// literal, by strings.Index.
func indexSlow(src string, l rawLiteral) int {
	if l.fold {
		return strings.Index(asciiLower(src), strings.ToLower(l.text))
	}
	return strings.Index(src, l.text)
}

func checkScan(t *testing.T, src string) {
	t.Helper()
	rx := indexRaw(src)
	for _, l := range rawLiterals {
		if got, want := rx.lookup(rawLiteral{strings.ToLower(l.text), true}), indexSlow(src, rawLiteral{l.text, true}); l.fold && got != want {
			t.Errorf("fold %q in %.60q: %d, want %d", l.text, src, got, want)
		}
		if got, want := rx.lookup(l), indexSlow(src, l); !l.fold && got != want {
			t.Errorf("%q in %.60q: %d, want %d", l.text, src, got, want)
		}
	}
}

func TestRawScan(t *testing.T) {
	for _, src := range []string{
		"",
		"/",
		`<script src="/plus/count.php?aid=1"></script><a href="/e/search/">`,
		`<SCRIPT SRC="/E/PUBLIC/VIEWCLICK/?id=2"></SCRIPT>`,
		`<div class="pages">下一页</div><div id="tex">x</div>`,
		"discuz discuz_uid =tex 'tex' <BASE href=x>",
		strings.Repeat("中文/e/", 100) + "application/ld+json",
	} {
		checkScan(t, src)
	}
	// Every literal at every offset within the scan's eight-byte
	// windows, and at the end of the page.
	for _, l := range rawLiterals {
		for pad := 0; pad < 12; pad++ {
			checkScan(t, strings.Repeat("x", pad)+l.text+strings.Repeat("y", pad%4))
			checkScan(t, strings.Repeat("<", pad)+strings.ToUpper(l.text))
		}
	}
}

func FuzzRawScan(f *testing.F) {
	f.Add(`<a href="/plus/view.php">下一页</a>`)
	f.Add("DynamicURL _showDynClick vsb_content")
	f.Fuzz(func(t *testing.T, src string) {
		checkScan(t, src)
	})
}
