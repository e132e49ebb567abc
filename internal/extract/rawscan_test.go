package extract

import (
	"strings"
	"testing"
)

// indexSlow is what the scanner must find: the first offset of each
// literal, by strings.Index.
func indexSlow(src string, l rawLiteral) int {
	if l.Fold {
		return strings.Index(asciiLower(src), strings.ToLower(l.Text))
	}
	return strings.Index(src, l.Text)
}

func checkScan(t *testing.T, src string) {
	t.Helper()
	rx := indexRaw(src)
	for _, l := range rawLiterals {
		if got, want := rx.lookup(rawLiteral{Text: strings.ToLower(l.Text), Fold: true}), indexSlow(src, rawLiteral{Text: l.Text, Fold: true}); l.Fold && got != want {
			t.Errorf("fold %q in %.60q: %d, want %d", l.Text, src, got, want)
		}
		if got, want := rx.lookup(l), indexSlow(src, l); !l.Fold && got != want {
			t.Errorf("%q in %.60q: %d, want %d", l.Text, src, got, want)
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
			checkScan(t, strings.Repeat("x", pad)+l.Text+strings.Repeat("y", pad%4))
			checkScan(t, strings.Repeat("<", pad)+strings.ToUpper(l.Text))
			// Twice, the second time a few bytes on: the scan looks at
			// every third offset, and must report the first.
			checkScan(t, strings.Repeat("x", pad)+l.Text[:pad%len(l.Text)]+l.Text+l.Text)
		}
	}
	// Every literal on the page, so that the scan stops early, each
	// before and after the others.
	var all, rev []string
	for _, l := range rawLiterals {
		all = append(all, l.Text)
		rev = append([]string{l.Text}, rev...)
	}
	for pad := 0; pad < 4; pad++ {
		p := strings.Repeat(".", pad)
		checkScan(t, p+strings.Join(all, p)+p+strings.Join(rev, ""))
		checkScan(t, p+strings.Join(rev, p)+strings.Join(all, p))
		checkScan(t, strings.Join(all, "")+p+strings.Join(all, "中"))
	}
}

func FuzzRawScan(f *testing.F) {
	f.Add(`<a href="/plus/view.php">下一页</a>`)
	f.Add("DynamicURL _showDynClick vsb_content")
	f.Fuzz(func(t *testing.T, src string) {
		checkScan(t, src)
	})
}
