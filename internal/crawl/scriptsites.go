package crawl

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Member sites a homepage's script writes into its menu. Besides links
// and jump menus, a homepage may keep its list of member sites as data of
// an inline script — an array of name and address pairs
// (var sites = [["锦州文明网", "http://jinz.wenming.cn/"], …]) or of
// objects ({name: "…", url: "…"}) — that a loop writes into the page as
// links when it runs. A crawler that reads markup only sees an empty
// menu, and the whole subtree below it is lost. scriptSites reads such
// pairs as links of the script's place on the page: siteLink then decides
// on them as on any link (a root URL named as a 文明网 site, or by place
// in a block of member sites).

// scriptSitePairRe matches a name literal next to an absolute URL
// literal, in either order, each perhaps behind an object key:
// "名称", "http://…" or name: '名称', url: 'http://…'.
var scriptSitePairRe = regexp.MustCompile(`["']([^"'\\<>\n]{1,40})["']\s*,\s*(?:[\w$]+\s*:\s*)?["'](https?://[^"'\s\\<>]+)["']|["'](https?://[^"'\s\\<>]+)["']\s*,\s*(?:[\w$]+\s*:\s*)?["']([^"'\\<>\n]{1,40})["']`)

// maxScriptSites bounds the pairs read from one page's scripts.
const maxScriptSites = 1000

// scriptSites calls fn for every pair of a site name and an absolute
// URL in the page's inline JavaScript (see above), with the script
// element, the URL as written and the name.
func scriptSites(root *html.Node, fn func(script *html.Node, href, name string)) {
	n := 0
	var walk func(x *html.Node)
	walk = func(x *html.Node) {
		if n >= maxScriptSites {
			return
		}
		if x.Type == html.ElementNode && x.Data == "script" {
			typ, _ := attrOf(x, "type")
			if t := strings.ToLower(strings.TrimSpace(typ)); t != "" && !strings.Contains(t, "javascript") {
				return
			}
			if _, ext := attrOf(x, "src"); ext || x.FirstChild == nil || x.FirstChild.Type != html.TextNode {
				return
			}
			js := x.FirstChild.Data
			if !strings.Contains(js, "://") {
				return
			}
			for _, m := range scriptSitePairRe.FindAllStringSubmatch(js, maxScriptSites-n) {
				name, href := m[1], m[2]
				if href == "" {
					href, name = m[3], m[4]
				}
				if strings.Contains(name, "://") || isASCII(name) {
					continue // no site's name: a window name (_blank), a key
				}
				n++
				fn(x, href, strings.TrimSpace(name))
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}
