package replay

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/extract"
)

// Links decides where a link of a replayed page goes: the replay of url
// in the archive and true when the archive holds it, or false. url is
// absolute, http or https, without a fragment.
type Links func(url string) (replay string, ok bool)

// Images decides whether an image of a replayed page is shown: the URL
// that serves its capture from the archive and true when the archive
// holds one, or false (the image keeps its placeholder). url is absolute,
// http or https.
type Images func(url string) (src string, ok bool)

// Options say where a rewritten page's links and images go.
type Options struct {
	Links  Links
	Images Images // nil: no image is shown
}

// Page is a page rewritten for replay.
type Page struct {
	HTML    []byte // UTF-8
	Charset string // the charset the capture was decoded from
	// What the rewrite did, for the banner.
	Archived int // links to pages the archive holds, now to their replay
	Live     int // links to the live web, marked
	Removed  int // scripts, handlers, frames, objects, refreshes removed
	Blocked  int // embedded resources (images, media, styles) not loaded
	Images   int // images shown from their capture in the archive
}

// Marker classes the rewrite puts on what it changed, for the replay
// page's stylesheet and for tests.
const (
	ClassLive    = "wm-live"    // a link to the live web
	ClassBlocked = "wm-blocked" // an image whose source was not archived
)

// style is inserted into the page's head: it marks links to the live web
// and the places of images that were not archived.
const style = `<style>a.` + ClassLive + `::after{content:"\2197";font-size:.75em;vertical-align:super;color:#b3121b}` +
	`img.` + ClassBlocked + `{outline:1px dashed #bbb;min-width:16px;min-height:16px;color:#888;font-size:12px}</style>`

// IsHTML reports whether a Content-Type names an HTML (or XHTML) page.
func IsHTML(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml" || (mt == "" && contentType == "")
}

// dropped elements are removed with their content.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Noscript: true, atom.Iframe: true, atom.Frame: true, atom.Frameset: true,
	atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Template: true,
}

// voidDropped are void elements removed (they have no content).
var voidDropped = map[atom.Atom]bool{atom.Base: true, atom.Link: true, atom.Embed: true, atom.Frame: true}

// resourceAttrs are attributes whose URL a browser would fetch.
var resourceAttrs = map[string]bool{
	"src": true, "srcset": true, "poster": true, "background": true, "lowsrc": true, "dynsrc": true,
	"data": true, "codebase": true, "archive": true, "longdesc": true, "manifest": true, "icon": true,
	"imagesrcset": true, "xlink:href": true,
}

// Rewrite makes the captured body of the page at pageURL safe to show in
// the archive (see the package comment). contentType is the archived
// Content-Type header.
func Rewrite(body []byte, contentType, pageURL string, links Links) (*Page, error) {
	return RewriteWith(body, contentType, pageURL, Options{Links: links})
}

// RewriteWith is Rewrite that also shows the images o.Images finds
// archived, from there: an <img>'s src goes to the archive's copy, its
// srcset and any other source are dropped as ever.
func RewriteWith(body []byte, contentType, pageURL string, o Options) (*Page, error) {
	decoded, d, err := extract.Decode(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", pageURL, err)
	}
	page, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", pageURL, err)
	}
	base := documentBase(decoded, page)
	p := &Page{Charset: d.Charset}
	var out bytes.Buffer
	out.Grow(len(decoded) + len(style))
	z := html.NewTokenizer(bytes.NewReader(decoded))
	skip := atom.Atom(0) // the dropped element whose content is being skipped
	depth := 0           // nesting of skip's tag inside itself
	styled := false
	insertStyle := func() {
		if !styled {
			out.WriteString(style)
			styled = true
		}
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		// Raw first: Token unescapes text in place, in the buffer Raw reads.
		raw := append([]byte(nil), z.Raw()...)
		tok := z.Token()
		if skip != 0 {
			switch {
			case tt == html.StartTagToken && tok.DataAtom == skip:
				depth++
			case tt == html.EndTagToken && tok.DataAtom == skip:
				if depth--; depth < 0 {
					skip, depth = 0, 0
				}
			}
			continue
		}
		switch tt {
		case html.CommentToken:
			continue // conditional comments, scripts of old browsers
		case html.DoctypeToken, html.TextToken:
			if tt == html.TextToken && !styled && strings.TrimSpace(tok.Data) != "" {
				// Text before any head: the head is implied here.
				insertStyle()
			}
			out.Write(raw)
			continue
		case html.EndTagToken:
			if dropped[tok.DataAtom] {
				continue
			}
			out.WriteString(tok.String())
			continue
		}
		// A start or self-closing tag.
		if dropped[tok.DataAtom] || voidDropped[tok.DataAtom] {
			p.countDropped(tok)
			if tt == html.StartTagToken && dropped[tok.DataAtom] && !voidDropped[tok.DataAtom] {
				skip, depth = tok.DataAtom, 0
			}
			continue
		}
		if tok.DataAtom == atom.Meta && metaDropped(tok) {
			p.Removed++
			continue
		}
		switch tok.DataAtom {
		case atom.Html, atom.Head:
		default:
			insertStyle() // before the first element of the head or body
		}
		p.rewriteAttrs(&tok, base, page, o)
		out.WriteString(tok.String())
		if tok.DataAtom == atom.Head {
			insertStyle()
		}
	}
	if err := z.Err(); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("replay %s: %w", pageURL, err)
	}
	p.HTML = out.Bytes()
	return p, nil
}

func (p *Page) countDropped(tok html.Token) {
	switch tok.DataAtom {
	case atom.Link:
		p.Blocked++
	case atom.Base:
	default:
		p.Removed++
	}
}

// metaDropped reports whether a <meta> is dropped: any http-equiv
// (refresh, set-cookie, a policy) and charset declarations (the replay is
// UTF-8).
func metaDropped(tok html.Token) bool {
	for _, a := range tok.Attr {
		switch strings.ToLower(a.Key) {
		case "http-equiv", "charset":
			return true
		}
	}
	return false
}

// documentBase is the URL the page's links resolve against: its first
// <base href>, resolved against the page, or the page.
func documentBase(doc []byte, page *url.URL) *url.URL {
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return page
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.DataAtom == atom.Body {
				return page
			}
			if tok.DataAtom != atom.Base {
				continue
			}
			for _, a := range tok.Attr {
				if a.Key == "href" {
					if b, err := page.Parse(strings.TrimSpace(a.Val)); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
						return b
					}
					return page
				}
			}
		}
	}
}

// rewriteAttrs rewrites the attributes of a start tag.
func (p *Page) rewriteAttrs(tok *html.Token, base, page *url.URL, o Options) {
	attrs := tok.Attr[:0:0]
	blocked, shown := "", ""
	hasAlt := false
	for _, a := range tok.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = strings.ToLower(a.Namespace) + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			p.Removed++ // an event handler
			continue
		case key == "ping", key == "formaction", key == "action", key == "target", key == "integrity", key == "nonce":
			continue // set below where needed
		case key == "alt":
			hasAlt = true
		case key == "href" && (tok.DataAtom == atom.A || tok.DataAtom == atom.Area):
			continue // rewritten below
		case key == "src" && tok.DataAtom == atom.Img && shown == "" && o.Images != nil:
			if src, ok := archivedImage(a.Val, base, o.Images); ok {
				shown = src
				continue // set below
			}
			fallthrough
		case key == "href" || resourceAttrs[key]:
			if v := strings.TrimSpace(a.Val); v != "" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(strings.ToLower(v), "data:") {
				if blocked == "" {
					blocked = v
				}
				continue
			}
		case key == "style" && strings.Contains(strings.ToLower(a.Val), "url("):
			p.Blocked++ // kept: the frame's policy loads nothing
		}
		attrs = append(attrs, a)
	}
	switch {
	case shown != "":
		p.Images++
		attrs = setAttr(attrs, "src", shown)
		if blocked != "" {
			p.Blocked++ // a srcset, a lowsrc … beside it
		}
	case blocked != "":
		p.Blocked++
		if tok.DataAtom == atom.Img || tok.DataAtom == atom.Input {
			attrs = setAttr(attrs, "class", ClassBlocked)
			attrs = setAttr(attrs, "title", "图片未存档："+resolve(base, blocked))
			if !hasAlt {
				attrs = setAttr(attrs, "alt", "［图片未存档］")
			}
		}
	}
	if tok.DataAtom == atom.A || tok.DataAtom == atom.Area {
		for _, a := range tok.Attr {
			if strings.EqualFold(a.Key, "href") && a.Namespace == "" {
				for _, l := range p.link(a.Val, base, page, o.Links) {
					attrs = setAttr(attrs, l.Key, l.Val)
				}
				break
			}
		}
	}
	tok.Attr = attrs
}

// link returns the attributes of a rewritten link to href.
func (p *Page) link(href string, base, page *url.URL, links Links) []html.Attribute {
	href = strings.TrimSpace(href)
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		if err == nil && u.Scheme == "mailto" {
			return []html.Attribute{{Key: "href", Val: u.String()}, {Key: "target", Val: "_top"}}
		}
		p.Removed++ // javascript:, vbscript:, data: and the unparsable
		return nil
	}
	frag := u.Fragment
	u.Fragment, u.RawFragment = "", ""
	abs := u.String()
	if frag != "" && sameDoc(u, page) {
		return []html.Attribute{{Key: "href", Val: "#" + frag}}
	}
	if r, ok := links(abs); ok {
		p.Archived++
		return []html.Attribute{{Key: "href", Val: r}, {Key: "target", Val: "_top"}, {Key: "title", Val: "存档中的页面：" + abs}}
	}
	p.Live++
	return []html.Attribute{{Key: "href", Val: abs}, {Key: "target", Val: "_top"}, {Key: "rel", Val: "noopener noreferrer"},
		{Key: "class", Val: ClassLive}, {Key: "title", Val: "未存档，链接到原网站：" + abs}}
}

// setAttr sets attribute key to val, replacing the one there; a class is
// added to those there.
func setAttr(attrs []html.Attribute, key, val string) []html.Attribute {
	for i, a := range attrs {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			if key == "class" {
				val = strings.TrimSpace(a.Val + " " + val)
			}
			attrs[i] = html.Attribute{Key: key, Val: val}
			return attrs
		}
	}
	return append(attrs, html.Attribute{Key: key, Val: val})
}

// archivedImage resolves an image's src and asks images for its copy in
// the archive.
func archivedImage(src string, base *url.URL, images Images) (string, bool) {
	u, err := base.Parse(strings.TrimSpace(src))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	u.Fragment, u.RawFragment = "", ""
	return images(u.String())
}

func sameDoc(u, page *url.URL) bool {
	a, b := *u, *page
	a.Fragment, a.RawFragment, b.Fragment, b.RawFragment = "", "", "", ""
	return a.String() == b.String()
}

func resolve(base *url.URL, ref string) string {
	if u, err := base.Parse(ref); err == nil {
		return u.String()
	}
	return ref
}
