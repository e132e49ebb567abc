package crawl

import (
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/extract"
)

// TestMemberBlockReadOncePerPage: the links of a homepage's member block
// cost the same each however many the block lists (its text was read
// again for every link: a 友情链接 box of 330 cities cost 330 readings of
// the box, and a crawl's cost per page grew with the number of sites).
// The cost is counted in bytes allocated — reading a block's text builds
// it — not timed: a timed ratio failed under a loaded machine's noise.
func TestMemberBlockReadOncePerPage(t *testing.T) {
	perLink := func(n int) (bytes float64, members int) {
		var b strings.Builder
		b.WriteString(`<html><body><div class="yqlj"><h3>友情链接</h3><ul class="tab"><li>中国文明网联盟</li><li>地级市网站</li><li>县级市和县网站</li></ul><div><ul>`)
		for i := range n {
			fmt.Fprintf(&b, `<li><a href="http://c%d.wenming.cn/">城%d</a></li>`, i, i)
		}
		b.WriteString(`</ul></div></div></body></html>`)
		base, _ := url.Parse("http://www.wenming.cn/")
		doc, err := extract.Parse([]byte(b.String()), base)
		if err != nil {
			t.Fatal(err)
		}
		anchors, _ := anchorsIn(doc, true, nil) // warm: what is made once per page is made
		for _, a := range anchors {
			if a.InBlock {
				members++
			}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		anchorsIn(doc, true, nil)
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), members
	}
	small, m1 := perLink(150)
	large, m2 := perLink(1500)
	if m1 != 150 || m2 != 1500 {
		t.Fatalf("member links found: %d of 150, %d of 1500", m1, m2)
	}
	if large > 2*small {
		t.Errorf("a link of a 1,500-site block allocates %.0f bytes, of a 150-site block %.0f: the cost per link grows with the block", large, small)
	}
	t.Logf("per link: %.0f bytes (150 sites), %.0f bytes (1,500 sites)", small, large)
}
