package htmltree

import "golang.org/x/net/html/atom"

// kind is a set of tree-building properties of an HTML element.
type kind uint32

const (
	kVoid        kind = 1 << iota // never has children
	kSpecial                      // HTML5 "special" (golang.org/x/net/html's list): stops the search of a stray end tag
	kClosesP                      // its start tag closes an open <p> in button scope
	kScope                        // bounds the default scope (table, td, th, html …)
	kAnchor                       // sets the insertion mode (html, body, table parts)
	kFosterCtx                    // table, tbody, thead, tfoot, tr: text and other elements go before the table
	kHeadish                      // belongs in <head> when seen between </head> and <body>
	kImpliedEnd                   // dd, dt, li, option, p …: closed by "generate implied end tags"
	kHeading                      // h1–h6
	kTablePart                    // caption, col, colgroup, tbody, td, tfoot, th, thead, tr: closes a cell
	kBreakout                     // leaves SVG and MathML content
	kForeign                      // an element in the SVG or MathML namespace (set per node, not per atom)
	kIntegration                  // an SVG or MathML element whose content is HTML (set per node)
	kFormatting                   // a, b, font …: reopened after a block closes them
	kMarker                       // td, th, caption, object …: formatting does not reopen across it
	kBlockEnd                     // div, ul, section …: the end tag closes it in scope, blocks and all
)

// kinds lists the properties of the elements that have any.
var kinds = map[atom.Atom]kind{
	atom.A:          kFormatting,
	atom.Address:    kSpecial | kClosesP | kBlockEnd,
	atom.Applet:     kSpecial | kScope | kMarker | kBlockEnd,
	atom.Area:       kSpecial | kVoid,
	atom.Article:    kSpecial | kClosesP | kBlockEnd,
	atom.Aside:      kSpecial | kClosesP | kBlockEnd,
	atom.B:          kBreakout | kFormatting,
	atom.Base:       kSpecial | kVoid | kHeadish,
	atom.Basefont:   kSpecial | kVoid | kHeadish,
	atom.Bgsound:    kSpecial | kVoid | kHeadish,
	atom.Big:        kBreakout | kFormatting,
	atom.Blockquote: kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Body:       kSpecial | kAnchor | kBreakout,
	atom.Br:         kSpecial | kVoid | kBreakout,
	atom.Button:     kSpecial | kBlockEnd,
	atom.Caption:    kSpecial | kScope | kAnchor | kTablePart | kMarker,
	atom.Center:     kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Code:       kBreakout | kFormatting,
	atom.Col:        kSpecial | kVoid | kTablePart,
	atom.Colgroup:   kSpecial | kAnchor | kTablePart,
	atom.Dd:         kSpecial | kClosesP | kImpliedEnd | kBreakout | kBlockEnd,
	atom.Details:    kSpecial | kClosesP | kBlockEnd,
	atom.Dialog:     kClosesP | kBlockEnd,
	atom.Dir:        kSpecial | kClosesP | kBlockEnd,
	atom.Div:        kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Dl:         kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Dt:         kSpecial | kClosesP | kImpliedEnd | kBreakout | kBlockEnd,
	atom.Em:         kBreakout | kFormatting,
	atom.Embed:      kSpecial | kVoid | kBreakout,
	atom.Fieldset:   kSpecial | kClosesP | kBlockEnd,
	atom.Figcaption: kSpecial | kClosesP | kBlockEnd,
	atom.Figure:     kSpecial | kClosesP | kBlockEnd,
	atom.Font:       kFormatting,
	atom.Footer:     kSpecial | kClosesP | kBlockEnd,
	atom.Form:       kSpecial | kClosesP,
	atom.Frame:      kSpecial | kVoid,
	atom.Frameset:   kSpecial,
	atom.H1:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.H2:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.H3:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.H4:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.H5:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.H6:         kSpecial | kClosesP | kHeading | kBreakout,
	atom.Head:       kSpecial | kBreakout,
	atom.Header:     kSpecial | kClosesP | kBlockEnd,
	atom.Hgroup:     kSpecial | kClosesP | kBlockEnd,
	atom.Hr:         kSpecial | kVoid | kClosesP | kBreakout,
	atom.Html:       kSpecial | kScope | kAnchor,
	atom.I:          kBreakout | kFormatting,
	atom.Iframe:     kSpecial,
	atom.Img:        kSpecial | kVoid | kBreakout,
	atom.Input:      kSpecial | kVoid,
	atom.Keygen:     kSpecial | kVoid,
	atom.Li:         kSpecial | kClosesP | kImpliedEnd | kBreakout,
	atom.Link:       kSpecial | kVoid | kHeadish,
	atom.Listing:    kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Main:       kSpecial | kClosesP | kBlockEnd,
	atom.Marquee:    kSpecial | kScope | kMarker | kBlockEnd,
	atom.Menu:       kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Meta:       kSpecial | kVoid | kHeadish | kBreakout,
	atom.Nav:        kSpecial | kClosesP | kBlockEnd,
	atom.Nobr:       kBreakout | kFormatting,
	atom.Noembed:    kSpecial,
	atom.Noframes:   kSpecial | kHeadish,
	atom.Noscript:   kSpecial,
	atom.Object:     kSpecial | kScope | kMarker | kBlockEnd,
	atom.Ol:         kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Optgroup:   kImpliedEnd,
	atom.Option:     kImpliedEnd,
	atom.P:          kSpecial | kClosesP | kImpliedEnd | kBreakout,
	atom.Param:      kSpecial | kVoid,
	atom.Plaintext:  kSpecial | kClosesP,
	atom.Pre:        kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Rb:         kImpliedEnd,
	atom.Rp:         kImpliedEnd,
	atom.Rt:         kImpliedEnd,
	atom.Rtc:        kImpliedEnd,
	atom.Ruby:       kBreakout,
	atom.S:          kBreakout | kFormatting,
	atom.Script:     kSpecial | kHeadish,
	atom.Search:     kClosesP | kBlockEnd,
	atom.Section:    kSpecial | kClosesP | kBlockEnd,
	atom.Select:     kSpecial | kBlockEnd | kScope,
	atom.Small:      kBreakout | kFormatting,
	atom.Source:     kSpecial | kVoid,
	atom.Span:       kBreakout,
	atom.Strike:     kBreakout | kFormatting,
	atom.Strong:     kBreakout | kFormatting,
	atom.Style:      kSpecial | kHeadish,
	atom.Sub:        kBreakout,
	atom.Summary:    kSpecial | kClosesP | kBlockEnd,
	atom.Sup:        kBreakout,
	atom.Table:      kSpecial | kClosesP | kScope | kAnchor | kFosterCtx | kBreakout,
	atom.Tbody:      kSpecial | kAnchor | kFosterCtx | kTablePart,
	atom.Td:         kSpecial | kScope | kAnchor | kTablePart | kMarker,
	atom.Template:   kSpecial | kScope | kAnchor | kHeadish | kMarker | kBlockEnd,
	atom.Textarea:   kSpecial,
	atom.Tfoot:      kSpecial | kAnchor | kFosterCtx | kTablePart,
	atom.Th:         kSpecial | kScope | kAnchor | kTablePart | kMarker,
	atom.Thead:      kSpecial | kAnchor | kFosterCtx | kTablePart,
	atom.Title:      kSpecial | kHeadish,
	atom.Tr:         kSpecial | kAnchor | kFosterCtx | kTablePart,
	atom.Track:      kSpecial | kVoid,
	atom.Tt:         kBreakout | kFormatting,
	atom.U:          kBreakout | kFormatting,
	atom.Ul:         kSpecial | kClosesP | kBreakout | kBlockEnd,
	atom.Var:        kBreakout,
	atom.Wbr:        kSpecial | kVoid,
	atom.Xmp:        kSpecial | kClosesP,
}

// kindTable is kinds as an open-addressing hash table: a map lookup per
// tag costs more than the rest of handling most tags.
var kindTable = func() (t [512]struct {
	a atom.Atom
	k kind
}) {
	for a, k := range kinds {
		h := hashAtom(a)
		for t[h].a != 0 {
			h = (h + 1) & uint32(len(t)-1)
		}
		t[h].a, t[h].k = a, k
	}
	return t
}()

func hashAtom(a atom.Atom) uint32 { return (uint32(a) * 0x9e3779b1) >> (32 - 9) }

// kindOf returns the properties of the HTML element a.
func kindOf(a atom.Atom) kind {
	if a == 0 {
		return 0
	}
	for h := hashAtom(a); ; h = (h + 1) & uint32(len(kindTable)-1) {
		switch kindTable[h].a {
		case a:
			return kindTable[h].k
		case 0:
			return 0
		}
	}
}
