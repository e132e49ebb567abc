package extract

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of styleHidden: a page's own stylesheet is read for a few simple
// hiding rules, not rendered.
const (
	maxHideRules = 32 // display:none selectors kept
	maxShowRules = 64 // selectors that set another display, kept to undo them
	// maxShowSelectors bounds the selectors setting another display
	// looked at for those naming a hidden class, id or attribute.
	maxShowSelectors = 2048
	maxStyleText     = 256 << 10
)

// styleHidden returns the elements the page's own <style> elements hide
// with a rule of one compound selector naming a class, id or attribute
// (".entry[data-question-result]{display:none}": a quiz's answers, shown
// when the reader has picked one), unless another rule of the sheet sets
// a display for the element too (".tab-pane{display:none}" and
// ".tab-pane.active{display:block}"). Rules inside @media and other
// at-rules are left out: they hold on some screens only.
func (p *page) styleHidden() map[*html.Node]bool {
	if !strings.Contains(p.raw, "display") {
		return nil
	}
	var hide, show []cascadia.Sel
	var shows []string // the selectors setting another display
	keys := selectorKeys{class: map[string]bool{}, id: map[string]bool{}, attr: map[string]bool{}}
	total := 0
	for _, n := range p.all {
		if n.Type != html.ElementNode || n.DataAtom != atom.Style || n.FirstChild == nil {
			continue
		}
		css := n.FirstChild.Data
		if total += len(css); total > maxStyleText {
			break
		}
		if !strings.Contains(css, "display") {
			continue
		}
		eachTopRule(css, func(selectors, decls string) {
			if !strings.Contains(decls, "display") {
				return
			}
			d := strings.ToLower(strings.Join(strings.Fields(decls), ""))
			i := strings.Index(d, "display:")
			if i < 0 {
				return
			}
			none := strings.HasPrefix(d[i+len("display:"):], "none")
			for _, s := range strings.Split(selectors, ",") {
				s = strings.TrimSpace(s)
				if s == "" {
					continue
				}
				if none && len(hide) < maxHideRules && hidingSelector(s) {
					if sel, err := cascadia.Parse(s); err == nil {
						hide = append(hide, sel)
						keys.add(s)
					}
				} else if !none && len(shows) < maxShowSelectors {
					shows = append(shows, s)
				}
			}
		})
	}
	if len(hide) == 0 {
		return nil
	}
	// Of the rules setting another display (a sheet of utility classes
	// has hundreds: ".flex{display:flex}"), those naming what a hiding
	// rule names can undo it.
	for _, s := range shows {
		if len(show) == maxShowRules {
			break
		}
		if !keys.named(s) {
			continue
		}
		if sel, err := cascadia.Parse(s); err == nil {
			show = append(show, sel)
		}
	}
	var out map[*html.Node]bool
	for _, n := range p.all {
		if n.Type != html.ElementNode || len(n.Attr) == 0 {
			continue
		}
		if !keys.mayMatch(n) || !matchesAny(hide, n) || matchesAny(show, n) {
			continue
		}
		if out == nil {
			out = map[*html.Node]bool{}
		}
		out[n] = true
	}
	return out
}

// selectorKeys are the class names, ids and attribute names the hiding
// selectors name: an element that has none of them matches none of the
// selectors, which is told without matching each.
type selectorKeys struct {
	class, id, attr map[string]bool
}

// add records the first class, id or attribute name of compound selector
// s (hidingSelector's: it names one).
func (k selectorKeys) add(s string) {
	i := strings.IndexAny(s, ".#[")
	if i < 0 {
		return
	}
	kind, rest := s[i], s[i+1:]
	end := strings.IndexAny(rest, ".#[]=~|^$*")
	if end < 0 {
		end = len(rest)
	}
	name := rest[:end]
	switch kind {
	case '.':
		k.class[name] = true
	case '#':
		k.id[name] = true
	case '[':
		k.attr[strings.ToLower(strings.TrimSpace(name))] = true
	}
}

// named reports whether selector s names one of the class names, ids or
// attributes recorded.
func (k selectorKeys) named(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '#', '[':
			kind := s[i]
			j := i + 1
			for j < len(s) && !strings.ContainsRune(".#[]=~|^$*:()> +,", rune(s[j])) {
				j++
			}
			name := s[i+1 : j]
			switch kind {
			case '.':
				if k.class[name] {
					return true
				}
			case '#':
				if k.id[name] {
					return true
				}
			default:
				if k.attr[strings.ToLower(strings.TrimSpace(name))] {
					return true
				}
			}
		}
	}
	return false
}

// mayMatch reports whether n has one of the class names, ids or
// attributes recorded.
func (k selectorKeys) mayMatch(n *html.Node) bool {
	for _, a := range n.Attr {
		if k.attr[a.Key] {
			return true
		}
		switch a.Key {
		case "id":
			if k.id[a.Val] {
				return true
			}
		case "class":
			if len(k.class) == 0 {
				continue
			}
			for f := range strings.FieldsSeq(a.Val) {
				if k.class[f] {
					return true
				}
			}
		}
	}
	return false
}

func matchesAny(sels []cascadia.Sel, n *html.Node) bool {
	for _, s := range sels {
		if s.Match(n) {
			return true
		}
	}
	return false
}

// hidingSelector reports whether s is one compound selector (no
// combinator, no pseudo-class) that names a class, an id or an attribute:
// a bare tag ("dialog", "template") hides what the page means to hide
// anyway, and a state (":hover") or a context (".menu .sub") is the
// page's interaction, not its content.
func hidingSelector(s string) bool {
	if strings.ContainsAny(s, " \t\n>+~:*") {
		return false
	}
	return strings.ContainsAny(s, ".#[")
}

// eachTopRule calls fn with the selectors and declarations of each rule
// of css outside at-rules (@media, @supports, @font-face …), comments
// removed, and of each rule inside a media query for wide screens only
// (@media only screen and (min-width:64em)): the page as a reader's
// desktop browser shows it.
func eachTopRule(css string, fn func(selectors, decls string)) {
	if strings.Contains(css, "/*") {
		var b strings.Builder
		b.Grow(len(css))
		for {
			i := strings.Index(css, "/*")
			if i < 0 {
				b.WriteString(css)
				break
			}
			b.WriteString(css[:i])
			b.WriteByte(' ')
			j := strings.Index(css[i+2:], "*/")
			if j < 0 {
				break
			}
			css = css[i+2+j+2:]
		}
		css = b.String()
	}
	eachRule(css, false, fn)
}

// eachRule calls fn with the selectors and declarations of each rule of
// css, comments removed, outside at-rules but for a media query for wide
// screens (wideScreens), whose rules it reads when not nested in one.
func eachRule(css string, nested bool, fn func(selectors, decls string)) {
	for len(css) > 0 {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return
		}
		prelude := strings.TrimSpace(css[:open])
		// The block's end, nested blocks included.
		depth, end := 0, -1
		for k := open; k < len(css); k++ {
			switch css[k] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				end = k
				break
			}
		}
		if end < 0 {
			return
		}
		if k := strings.LastIndexAny(prelude, ";}"); k >= 0 {
			prelude = strings.TrimSpace(prelude[k+1:]) // after an @import; or a stray brace
		}
		switch {
		case !strings.HasPrefix(prelude, "@"):
			fn(prelude, css[open+1:end])
		case !nested && wideScreens(prelude):
			// The rules of the page as a wide screen shows it: a desktop
			// slideshow's ".slide{display:none}.slide.active{display:block}".
			eachRule(css[open+1:end], true, fn)
		}
		css = css[end+1:]
	}
}

// wideScreens reports whether the prelude of an at-rule is a media query
// for screens at least some width wide and nothing else
// ("@media only screen and (min-width:63.75em)", "@media (min-width:
// 1024px)"): a narrow screen's rules (max-width), print's, a touch
// device's (hover:none) hold for some readers only.
func wideScreens(prelude string) bool {
	q, ok := strings.CutPrefix(prelude, "@media")
	if !ok || strings.ContainsAny(q, ",{};") {
		return false
	}
	q = strings.ToLower(q)
	width := false
	for rest := q; ; {
		var f string
		if f, rest = nextField(rest); f == "" {
			break
		}
		switch {
		case f == "only" || f == "screen" || f == "all" || f == "and":
		case strings.HasPrefix(f, "(min-width:") && strings.HasSuffix(f, ")"):
			width = true
		case f == "(min-width:" || f == "(min-width":
			// "(min-width: 1024px)": the value is the next field.
			if f, rest = nextField(rest); !strings.HasSuffix(f, ")") {
				return false
			}
			width = true
		default:
			return false
		}
	}
	return width
}
