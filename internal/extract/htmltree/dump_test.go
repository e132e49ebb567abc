package htmltree_test

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// dump renders a tree one node a line, indented by depth, in the manner
// of the html5lib tree-construction tests.
func dump(root *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type != html.DocumentNode {
			sb.WriteString(strings.Repeat("  ", depth-1))
		}
		switch n.Type {
		case html.ElementNode:
			sb.WriteByte('<')
			if n.Namespace != "" {
				sb.WriteString(n.Namespace + " ")
			}
			sb.WriteString(n.Data)
			// Sorted: golang.org/x/net/html sorts the attributes of
			// formatting elements (a, b, font …).
			attrs := slices.Clone(n.Attr)
			slices.SortFunc(attrs, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
			for _, a := range attrs {
				fmt.Fprintf(&sb, " %s=%q", a.Key, a.Val)
			}
			sb.WriteString(">\n")
		case html.TextNode:
			fmt.Fprintf(&sb, "%q\n", n.Data)
		case html.CommentNode:
			fmt.Fprintf(&sb, "<!-- %s -->\n", html.UnescapeString(n.Data)) // x/net/html unescapes comments
		case html.DoctypeNode:
			fmt.Fprintf(&sb, "<!DOCTYPE %s", n.Data)
			for _, a := range n.Attr {
				fmt.Fprintf(&sb, " %s=%q", a.Key, a.Val)
			}
			sb.WriteString(">\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return sb.String()
}

// firstDiff returns the lines around the first difference of a and b.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			lo := max(0, i-3)
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s\n got context:\n%s\nwant context:\n%s", i+1, x, y,
				strings.Join(al[lo:min(len(al), i+4)], "\n"), strings.Join(bl[lo:min(len(bl), i+4)], "\n"))
		}
	}
	return ""
}
