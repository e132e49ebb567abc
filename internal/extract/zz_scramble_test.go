package extract

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
)

var (
	// nameAttrRe finds a class or id attribute and its value, quoted or not.
	nameAttrRe = regexp.MustCompile(`(?is)(\s(?:class|id)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)`)
	// styleRe finds a style sheet in the page.
	styleRe = regexp.MustCompile(`(?is)(<style[^>]*>)(.*?)(</style>)`)
	// selectorNameRe finds a class or id in a selector.
	selectorNameRe = regexp.MustCompile(`([.#])(-?[A-Za-z_][\w-]*)`)
)

// scrambleNames replaces every word of every class and id attribute with
// a token that means nothing, and the same names in the selectors of the
// page's style sheets: the page as a CMS whose names nobody has seen
// would make it, its structure and its styling (what the sheets hide)
// unchanged. Names in scripts and in linked sheets are left.
func scrambleNames(src []byte) []byte {
	src = nameAttrRe.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := nameAttrRe.FindSubmatch(m)
		val := string(sub[2])
		quote := ""
		if len(val) > 0 && (val[0] == '"' || val[0] == '\'') {
			quote, val = val[:1], val[1:len(val)-1]
		}
		words := strings.Fields(val)
		for i, w := range words {
			words[i] = meaningless(w)
		}
		return []byte(string(sub[1]) + quote + strings.Join(words, " ") + quote)
	})
	return styleRe.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := styleRe.FindSubmatch(m)
		return []byte(string(sub[1]) + scrambleSelectors(string(sub[2])) + string(sub[3]))
	})
}

// scrambleSelectors renames the classes and ids in the selectors of a
// style sheet: the text before each '{' back to the last '{', '}' or
// ';' (declarations, where "#fff" is a colour, are left alone).
func scrambleSelectors(css string) string {
	var b strings.Builder
	from := 0
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '{':
			b.WriteString(selectorNameRe.ReplaceAllStringFunc(css[from:i], func(s string) string {
				return s[:1] + meaningless(s[1:])
			}))
			b.WriteByte('{')
			from = i + 1
		case '}', ';':
			b.WriteString(css[from : i+1])
			from = i + 1
		}
	}
	b.WriteString(css[from:])
	return b.String()
}

// meaningless is the token a name becomes: the same for the same name.
func meaningless(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("n%06x", h.Sum32()&0xffffff)
}
