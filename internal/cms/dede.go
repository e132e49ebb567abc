package cms

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// DedeCMS (织梦), a county CMS. Its pages name its /plus/ scripts; the view
// count is served by /plus/count.php?aid=… as document.write; a list's
// first page is its directory, the next ones list_<typeid>_<n>.html in it.
// An article's attachments (软件/附件 channel) are served through
// /plus/download.php?open=0&aid=…&cid=… (the download page) and
// ?open=1&id=…&link=… (the file itself, by redirect).
var Dede = &CMS{
	Name: "dedecms",
	Detect: Detect{
		Generator: []string{"dedecms"},
		Literals:  []string{"/plus/count.php", "/plus/search.php", "/plus/view.php", "/plus/list.php", "dedeajax", "/plus/feedback"},
	},
	Fields: Fields{
		BodyText: []string{".viewbox .content", "div.content", "#content", ".article-content", ".newstext", ".art_content"},
	},
	Counter: &Counter{
		Leads:  []string{"/plus/count.php?"},
		Find:   findNear(regexp.MustCompile(`(?i)[^"'\s<>()]*/plus/count\.php\?[^"'\s<>]*`), "/plus/count.php?"),
		Answer: []Answer{DocumentWrite},
	},
	Credit:       []string{"dedecms"},
	ListPage:     dedeListPage,
	Download:     Script{Path: "/plus/download.php", Query: map[string]string{"open": ""}},
	DownloadPage: Script{Path: "/plus/download.php", Query: map[string]string{"open": "0"}},
}

var dedeListFile = regexp.MustCompile(`/list_\d+_\d+\.html$`)

// dedeListPage: list_<typeid>_<n>.html in the directory that is the
// list's first page.
func dedeListPage(page, link *url.URL) bool {
	return strings.HasSuffix(page.Path, "/") && dedeListFile.MatchString(link.Path) && path.Dir(link.Path)+"/" == page.Path
}
