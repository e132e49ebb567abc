package cms

import (
	"net/url"
	"strings"
)

// All are the CMSs in detection order: a page is the first one whose
// signals it shows. Discuz comes before TRS (a Discuz portal under a
// wenming.cn host is Discuz), the county CMSs after it.
var All = []*CMS{Discuz, TRS, Empire, Dede, PHPCMS, VSB, Hanweb, JEECMS}

// ByName returns the CMS named name, nil for none.
func ByName(name string) *CMS {
	for _, c := range All {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Names returns the names of All, in detection order.
func Names() []string {
	out := make([]string, len(All))
	for i, c := range All {
		out[i] = c.Name
	}
	return out
}

// ListPages returns the list pages that the script pagers in body stand
// for, on the page at page.
func ListPages(body []byte, page *url.URL) []string {
	var out []string
	for _, c := range All {
		if c.ListPages != nil {
			out = append(out, c.ListPages(body, page)...)
		}
	}
	return out
}

// ListPage reports whether link is another page of the list at page in a
// CMS's own form (see CMS.ListPage).
func ListPage(page, link *url.URL) bool {
	for _, c := range All {
		if c.ListPage != nil && c.ListPage(page, link) {
			return true
		}
	}
	return false
}

// Alias returns the canonical path and query of an escaped path that a
// CMS serves under a second form; ok is false for other paths.
func Alias(path string) (canonPath, query string, ok bool) {
	for _, c := range All {
		if c.Alias == nil {
			continue
		}
		if p, q, ok := c.Alias(path); ok {
			return p, q, true
		}
	}
	return "", "", false
}

// IsDownload reports whether u is a CMS's download script (CMS.Download):
// an attachment, not a page.
func IsDownload(u *url.URL) bool {
	return anyScript(u, func(c *CMS) Script { return c.Download })
}

// IsDownloadPage reports whether u is the form of a CMS's download
// script that answers a download page (CMS.DownloadPage), not the file.
func IsDownloadPage(u *url.URL) bool {
	return anyScript(u, func(c *CMS) Script { return c.DownloadPage })
}

// anyScript reports whether u is the script of some CMS that script
// picks out of it.
func anyScript(u *url.URL, script func(*CMS) Script) bool {
	for _, c := range All {
		if script(c).Match(u) {
			return true
		}
	}
	return false
}

// IsCredit reports whether a lower-cased <title> part credits a CMS.
func IsCredit(lower string) bool {
	for _, c := range All {
		for _, w := range c.Credit {
			if strings.Contains(lower, w) {
				return true
			}
		}
	}
	return false
}
