package crawl

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// Redirects a page makes itself. A site's homepage is often a stub that
// sends the browser on to the real one — <meta http-equiv="refresh"
// content="0; url=/col/col1/index.html">, or a script doing nothing but
// window.location.href = "…" — and a moved article page may say
// "页面已迁移，3秒后跳转" the same way. A crawler that reads only links
// finds nothing behind such a stub. stubTarget reads both forms; the crawl
// queues the target as the same kind of request as the stub (a homepage's
// target is read for child sites like the homepage), on the same host only.

// maxRefreshDelay is the longest meta refresh delay taken as a redirect:
// a longer one reloads a live page now and then (content="300").
const maxRefreshDelay = 10

// maxScriptStub bounds the size of a page whose script redirect is
// followed: a stub is a few hundred bytes; a real page that happens to
// assign location (a device switch, a button) is much larger.
const maxScriptStub = 2048

var (
	metaRefreshRe    = regexp.MustCompile(`(?is)<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh\b[^>]*>`)
	contentAttrRe    = regexp.MustCompile(`(?is)\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
	refreshContentRe = regexp.MustCompile(`(?is)^\s*(\d+)(?:\.\d*)?\s*(?:[;,]\s*(?:url\s*=\s*)?["']?([^"']*)["']?)?\s*$`)
	scriptElemRe     = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`)
	scriptLocationRe = regexp.MustCompile(`(?s)(?:(?:window|top|self|document|parent)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*["']([^"']+)["']|location\s*\.\s*(?:replace|assign)\(\s*["']([^"']+)["']\s*\)`)
)

// maxSplashLinks is how many links a splash homepage has at most.
const maxSplashLinks = 4

// splashTarget returns the real homepage behind a splash homepage — a
// picture and one link into the site (进入网站), perhaps beside a link or
// two off it (the ICP record, an English site) — or "": the one link to
// host of a homepage of at most maxSplashLinks links and no frames, a
// picture (no text) or a link saying it enters the site. (A small homepage
// whose one link is an article's title is no splash: the article would be
// read as a homepage.)
func splashTarget(anchors []anchor, host string) string {
	if len(anchors) == 0 || len(anchors) > maxSplashLinks {
		return ""
	}
	target := ""
	for _, a := range anchors {
		if a.Frame {
			return ""
		}
		if Host(a.URL) != host {
			continue
		}
		if target != "" && target != a.URL {
			return "" // two ways into the site: no splash
		}
		if !entryLink(a.Text) {
			return ""
		}
		target = a.URL
	}
	return target
}

// entryWords are what a splash page's link into the site says (lower
// case).
var entryWords = []string{"进入", "進入", "首页", "首頁", "主页", "主頁", "enter"}

// entryLink reports whether a link's text is a splash page's way in:
// none (a picture) or a word of entering.
func entryLink(text string) bool {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return true
	}
	for _, w := range entryWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// stubTarget returns the URL a page sends the browser on to by itself (as
// the page writes it, relative or absolute), or "": a meta refresh of at
// most maxRefreshDelay seconds with a URL, or, on a page of at most
// maxScriptStub bytes, a script that assigns the location.
func stubTarget(body []byte) string {
	if bytes.Contains(body, []byte("efresh")) || bytes.Contains(body, []byte("EFRESH")) {
		for _, tag := range metaRefreshRe.FindAll(body, 4) {
			m := contentAttrRe.FindSubmatch(tag)
			if m == nil {
				continue
			}
			content := string(m[1]) + string(m[2]) + string(m[3])
			r := refreshContentRe.FindStringSubmatch(content)
			if r == nil || strings.TrimSpace(r[2]) == "" {
				continue
			}
			if delay, err := strconv.Atoi(r[1]); err != nil || delay > maxRefreshDelay {
				continue
			}
			return strings.TrimSpace(r[2])
		}
	}
	if len(body) > maxScriptStub || !bytes.Contains(body, []byte("location")) {
		return ""
	}
	// Only a script that runs by itself redirects: a handler
	// (onclick="location.href='…'") waits for a click.
	for _, script := range scriptElemRe.FindAllSubmatch(body, 8) {
		if t := wholeLiteral(scriptLocationRe, string(script[1])); t != "" {
			return t
		}
	}
	return ""
}
