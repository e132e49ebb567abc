package crawl

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/wenming-archive/wenming/internal/extract"
)

// corpusDir holds the shared corpora (../shared/corpus/extract), outside
// the repository; tests that read it skip when it is absent.
const corpusDir = "../../../shared/corpus/extract"

// anchorsByGoquery is how anchorsOf read a page's links before it walked
// the tree itself: goquery's selection of a[href], area[href].
func anchorsByGoquery(doc *extract.Document, home bool) (anchors []anchor, capped int) {
	base := doc.Base()
	if base == nil {
		return nil, 0
	}
	baseURL, err := urlParser.Parse(base.String())
	if err != nil {
		return nil, 0
	}
	lb := newLinkBase(baseURL)
	goquery.NewDocumentFromNode(doc.Root()).Find("a[href], area[href]").Each(func(_ int, s *goquery.Selection) {
		if len(anchors) >= maxLinksPerPage {
			capped++
			return
		}
		href, _ := s.Attr("href")
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return
		}
		abs, err := lb.resolve(href)
		if err != nil {
			return
		}
		a := anchor{URL: abs, Text: strings.TrimSpace(s.Text())}
		if home && isRootURL(a.URL) {
			a.InBlock, a.InLinks = inSiteBlock(s)
		}
		anchors = append(anchors, a)
	})
	return anchors, capped
}

// TestAnchorsMatchGoquery checks anchorsOf against goquery's selection (less
// the links anchorsOf counts but leaves out: javascript:, mailto:, tel:) on
// every page of the shared corpora and on a page of our own, read as
// another page and, our own, also as a homepage (whose root links are
// placed in their blocks: slow on the corpus's largest pages).
func TestAnchorsMatchGoquery(t *testing.T) {
	pages := map[string][]byte{
		"own/nested.html": []byte(`<!DOCTYPE html><!-- c --><html><body><a href=" /a ">A <b>bold</b> <i>x</i></a>
<svg><a href="/svg">svg link</a></svg><map><area href="/area" alt="area"></map><a>no href</a><a href="#top">top</a>
<a href="/x" href="/y">first href</a><template><a href="/tpl">in template</a></template>
<div>友情链接 <a href="http://www.hbwmw.gov.cn/">河北文明网</a><a href="http://www.xtwmw.gov.cn">邢台文明网</a></div>
<table><tr><td><a href=/cell>cell</a></td></tr></table><a href="javascript:void(0)">js</a><a href="http://[::1">bad</a></body></html>`),
	}
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		pages[p] = b
		return err
	})
	if err != nil {
		t.Logf("corpus not read (%v): own pages only", err)
	}
	base, _ := url.Parse("http://www.wenming.cn/a/b/page.html")
	for name, raw := range pages {
		body, _, err := extract.Decode(raw, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc, err := extract.Parse(body, base)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		homes := []bool{false}
		if strings.HasPrefix(name, "own/") {
			homes = append(homes, true)
		}
		for _, home := range homes {
			got, gotCapped := anchorsOf(doc, home)
			want, wantCapped := anchorsByGoquery(doc, home)
			// anchorsOf counts javascript:, mailto: and tel: links, and
			// leaves them out.
			want = slices.DeleteFunc(want, func(a anchor) bool { return scriptOrMail(a.URL) })
			if gotCapped != wantCapped || !reflect.DeepEqual(got, want) {
				t.Errorf("%s (home %v): %d anchors (%d capped), goquery %d (%d)", name, home, len(got), gotCapped, len(want), wantCapped)
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Errorf("first difference: %+v, goquery %+v", got[i], want[i])
						break
					}
				}
			}
		}
	}
	if len(pages) < 100 {
		t.Logf("%d pages compared", len(pages))
	}
}

// isPagerText agrees with the pager regexp: the texts of pagers (with the
// regexp's spaces around them) and texts that start like one but are not.
func TestIsPagerTextAgreesWithRegexp(t *testing.T) {
	texts := []string{
		"", " ", "1", " 12 ", "\t99999\n", "123456", "...5", "... 12", "..", ".x",
		"下一页", "下页", " 上一页 ", "后页", "前页", "首页", "尾页", "末页", "最后一页", "第一页",
		"›", "»»", ">", "> ", "next", "Next", "NEXT", "nexts", "Nextpage", "news",
		"下载", "上海", "首都", "第二页", "最新", "末", "文明实践活动", "Home", "\u00a01", "１",
		"\xff1", "1\xff", " \v1",
	}
	for _, text := range texts {
		if got, want := isPagerText(text), pagerText.MatchString(text); got != want {
			t.Errorf("isPagerText(%q) = %v; the regexp says %v", text, got, want)
		}
	}
}
