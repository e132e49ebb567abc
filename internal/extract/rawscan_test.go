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
			// Twice, the second time a few bytes on: the scan looks at
			// every third offset, and must report the first.
			checkScan(t, strings.Repeat("x", pad)+l.text[:pad%len(l.text)]+l.text+l.text)
		}
	}
	// Every literal on the page, so that the scan stops early, each
	// before and after the others.
	var all, rev []string
	for _, l := range rawLiterals {
		all = append(all, l.text)
		rev = append([]string{l.text}, rev...)
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

// TestRawScanPeriodic checks a scanner of literals that repeat within
// fewer bytes than the scan's stride: an occurrence found later by the
// scan may start earlier than one found before, and the scan may not stop
// as soon as it has found every literal.
func TestRawScanPeriodic(t *testing.T) {
	lits := []rawLiteral{{"xyxyxyxy", false}, {"aaaaaa", false}, {"abcabcab", false}, {"=aaa", false}, {"<AAA", true}}
	s := newRawScanner(lits)
	for _, src := range []string{
		"xyxyxyxyxyxy", "aaaaaaaaaa", "abcabcabcabc", "<aaaaaaaaaaaaa", "=aaaaaaa<xyxyxyxyxyxyxyxyabcabcabcab",
	} {
		for pad := 0; pad < 8; pad++ {
			for _, page := range []string{strings.Repeat(".", pad) + src, src + strings.Repeat("a", pad) + src} {
				at := s.scan(page)
				for j, l := range s.lits {
					if want := indexSlow(page, l); int(at[j]) != want {
						t.Errorf("%q in %q: %d, want %d", l.text, page, at[j], want)
					}
				}
			}
		}
	}
}
