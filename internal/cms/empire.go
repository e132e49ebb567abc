package cms

import "regexp"

// EmpireCMS (帝国CMS), a county CMS. Its pages name its reserved /e/
// paths; articles sit at /<column>/YYYY-MM-DD/<id>.html; the view count
// is served by /e/public/ViewClick/?classid=…&id=… as document.write.
var Empire = &CMS{
	Name: "empirecms",
	Detect: Detect{
		Generator: []string{"empirecms"},
		Literals:  []string{"/e/public/ViewClick", "/e/search/", "/e/member/", "/e/enews/", "/e/DoPrint/", "/e/extend/", "/e/action/"},
	},
	Fields: Fields{
		BodyText: []string{"#text", ".newstext", "#newstext", ".article-content", ".article_content", ".content", "#content", ".con", ".text"},
		Article:  Article{URL: PathForm(`/(?:19|20)\d{2}-\d{2}-\d{2}/\d+\.html?$`)},
	},
	Counter: &Counter{
		Leads:  []string{"/e/public/viewclick"},
		Find:   findNear(regexp.MustCompile(`(?i)[^"'\s<>()]*/e/public/ViewClick/?\?[^"'\s<>]*`), "/e/public/viewclick"),
		Answer: []Answer{DocumentWrite},
	},
	Credit: []string{"empirecms"},
}

// findNear is a Counter.Find that returns re's match near lead.
func findNear(re *regexp.Regexp, lead string) func(near func(string) string) string {
	return func(near func(string) string) string {
		return re.FindString(near(lead))
	}
}
