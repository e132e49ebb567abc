package crawl

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// A menu submitted with GET. A block of member sites (or a list's page
// numbers) may be a <select> in a form with a 访问 or 前往 button and no
// change handler: choosing an option and pressing the button sends the
// browser to the form's action with the chosen value in the query
// (<form action="/go.jsp" method="get"><select name="url"><option
// value="http://…/">…</option>), a redirect script there sending it on.
// A form is a menu only when the select is the one control a user fills:
// hidden fields go along as they are, and a text field (a search box, a
// page number to type) makes the form no menu, since no option alone
// makes its request.

// maxFormDepth bounds the ancestors looked through for a select's form.
const maxFormDepth = 8

// formMenu returns the form a select is the only filled control of,
// submitted with GET, and the parameters its hidden fields send; nil
// when the select is in no such form.
func formMenu(sel *html.Node) (form *html.Node, hidden url.Values) {
	if name, _ := attrOf(sel, "name"); name == "" {
		return nil, nil
	}
	form = sel.Parent
	for i := 0; form != nil && i < maxFormDepth && !(form.Type == html.ElementNode && form.Data == "form"); i++ {
		form = form.Parent
	}
	if form == nil || form.Data != "form" {
		return nil, nil
	}
	if m, _ := attrOf(form, "method"); m != "" && !strings.EqualFold(strings.TrimSpace(m), "get") {
		return nil, nil
	}
	hidden = url.Values{}
	menu := true
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && menu; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			name, _ := attrOf(c, "name")
			switch c.Data {
			case "select":
				menu = c == sel
				continue
			case "textarea":
				menu = false
			case "input":
				switch t, _ := attrOf(c, "type"); strings.ToLower(strings.TrimSpace(t)) {
				case "hidden":
					if name != "" {
						v, _ := attrOf(c, "value")
						hidden.Add(name, v)
					}
				case "submit", "button", "image", "reset":
				default:
					menu = name == ""
				}
			}
			walk(c)
		}
	}
	walk(form)
	if !menu {
		return nil, nil
	}
	return form, hidden
}

// eachFormOption calls fn for every option of a select that formMenu
// found the menu of, with the URL submitting the form with it chosen
// goes to: the form's action (the page itself when it has none), its
// query replaced by the hidden fields and the select's name and value.
// An option without a value (the menu's title, 请选择) goes nowhere.
func eachFormOption(sel, form *html.Node, hidden url.Values, fn func(n *html.Node, href string)) {
	name, _ := attrOf(sel, "name")
	action, _ := attrOf(form, "action")
	action, _, _ = strings.Cut(strings.TrimSpace(action), "#")
	action, _, _ = strings.Cut(action, "?")
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data != "option" {
				walk(c) // <optgroup>
				continue
			}
			v, ok := attrOf(c, "value")
			if !ok || strings.TrimSpace(v) == "" {
				continue
			}
			q := url.Values{}
			for k, vs := range hidden {
				q[k] = vs
			}
			q.Set(name, v)
			fn(c, action+"?"+q.Encode())
		}
	}
	walk(sel)
}
