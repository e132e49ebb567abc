package htmltree

import (
	"strings"

	"golang.org/x/net/html"
)

// htmlSpace is the white space of HTML.
const htmlSpace = " \t\r\n\f"

// parseDoctype fills n, a DoctypeNode, from the text of "<!DOCTYPE …>" as
// golang.org/x/net/html does (name, then "public" and "system" attributes)
// and reports whether the page is in quirks mode, which here only decides
// whether <table> closes an open <p>.
func parseDoctype(n *html.Node, s string) (quirks bool) {
	space := strings.IndexAny(s, htmlSpace)
	if space < 0 {
		space = len(s)
	}
	name := s[:space]
	quirks = name != "html" // the comparison is case-sensitive
	n.Data = lowerASCII(name)
	s = strings.TrimLeft(s[space:], htmlSpace)
	if len(s) < 6 {
		return quirks || s != ""
	}
	key := strings.ToLower(s[:6])
	s = s[6:]
	for key == "public" || key == "system" {
		s = strings.TrimLeft(s, htmlSpace)
		if s == "" {
			break
		}
		quote := s[0]
		if quote != '"' && quote != '\'' {
			break
		}
		s = s[1:]
		var id string
		if q := strings.IndexByte(s, quote); q < 0 {
			id, s = s, ""
		} else {
			id, s = s[:q], s[q+1:]
		}
		n.Attr = append(n.Attr, html.Attribute{Key: key, Val: id})
		if key == "public" {
			key = "system"
		} else {
			key = ""
		}
	}
	if key != "" || s != "" {
		return true
	}
	if len(n.Attr) == 0 {
		return quirks
	}
	if n.Attr[0].Key == "public" {
		public := strings.ToLower(n.Attr[0].Val)
		switch public {
		case "-//w3o//dtd w3 html strict 3.0//en//", "-/w3d/dtd html 4.0 transitional/en", "html":
			quirks = true
		default:
			for _, q := range quirkyIDs {
				if strings.HasPrefix(public, q) {
					quirks = true
					break
				}
			}
		}
		// These two public ids mean quirks only without a system id.
		if len(n.Attr) == 1 && (strings.HasPrefix(public, "-//w3c//dtd html 4.01 frameset//") ||
			strings.HasPrefix(public, "-//w3c//dtd html 4.01 transitional//")) {
			quirks = true
		}
	}
	if last := n.Attr[len(n.Attr)-1]; last.Key == "system" &&
		strings.EqualFold(last.Val, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd") {
		quirks = true
	}
	return quirks
}

// quirkyIDs are the public doctype identifiers that put a page in quirks
// mode (the HTML standard's list, as golang.org/x/net/html keeps it).
var quirkyIDs = []string{
	"+//silmaril//dtd html pro v0r11 19970101//",
	"-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
	"-//as//dtd html 3.0 aswedit + extensions//",
	"-//ietf//dtd html 2.0 level 1//",
	"-//ietf//dtd html 2.0 level 2//",
	"-//ietf//dtd html 2.0 strict level 1//",
	"-//ietf//dtd html 2.0 strict level 2//",
	"-//ietf//dtd html 2.0 strict//",
	"-//ietf//dtd html 2.0//",
	"-//ietf//dtd html 2.1e//",
	"-//ietf//dtd html 3.0//",
	"-//ietf//dtd html 3.2 final//",
	"-//ietf//dtd html 3.2//",
	"-//ietf//dtd html 3//",
	"-//ietf//dtd html level 0//",
	"-//ietf//dtd html level 1//",
	"-//ietf//dtd html level 2//",
	"-//ietf//dtd html level 3//",
	"-//ietf//dtd html strict level 0//",
	"-//ietf//dtd html strict level 1//",
	"-//ietf//dtd html strict level 2//",
	"-//ietf//dtd html strict level 3//",
	"-//ietf//dtd html strict//",
	"-//ietf//dtd html//",
	"-//metrius//dtd metrius presentational//",
	"-//microsoft//dtd internet explorer 2.0 html strict//",
	"-//microsoft//dtd internet explorer 2.0 html//",
	"-//microsoft//dtd internet explorer 2.0 tables//",
	"-//microsoft//dtd internet explorer 3.0 html strict//",
	"-//microsoft//dtd internet explorer 3.0 html//",
	"-//microsoft//dtd internet explorer 3.0 tables//",
	"-//netscape comm. corp.//dtd html//",
	"-//netscape comm. corp.//dtd strict html//",
	"-//o'reilly and associates//dtd html 2.0//",
	"-//o'reilly and associates//dtd html extended 1.0//",
	"-//o'reilly and associates//dtd html extended relaxed 1.0//",
	"-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
	"-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
	"-//spyglass//dtd html 2.0 extended//",
	"-//sq//dtd html 2.0 hotmetal + extensions//",
	"-//sun microsystems corp.//dtd hotjava html//",
	"-//sun microsystems corp.//dtd hotjava strict html//",
	"-//w3c//dtd html 3 1995-03-24//",
	"-//w3c//dtd html 3.2 draft//",
	"-//w3c//dtd html 3.2 final//",
	"-//w3c//dtd html 3.2//",
	"-//w3c//dtd html 3.2s draft//",
	"-//w3c//dtd html 4.0 frameset//",
	"-//w3c//dtd html 4.0 transitional//",
	"-//w3c//dtd html experimental 19960712//",
	"-//w3c//dtd html experimental 970421//",
	"-//w3c//dtd w3 html//",
	"-//w3o//dtd w3 html 3.0//",
	"-//webtechs//dtd mozilla html 2.0//",
	"-//webtechs//dtd mozilla html//",
}
