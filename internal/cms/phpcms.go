package cms

import "regexp"

// PHPCMS v9, a county CMS. Its pages name index.php?m=content and its
// /statics/ files; show.html puts the date line inside the title's h1
// (<h1>标题<br/><span>2023-03-22 20:29:00 来源：… 点击：<span
// id="hits"></span></span></h1>); the view count is served by
// api.php?op=count as $('#hits').html('456'). An article's attachments
// are served through index.php?m=content&c=down&a=init&catid=…&id=… (the
// download page) and &c=down&a=download&a_k=… (the file).
var PHPCMS = &CMS{
	Name: "phpcms",
	Detect: Detect{
		Generator: []string{"phpcms"},
		Literals:  []string{"api.php?op=count", "index.php?m=content&c=index", "index.php?m=content&amp;c=index", "/statics/js/", "phpcms"},
	},
	Fields: Fields{
		TitleLine: "#Article h1, .article h1",
		BodyText:  []string{"#Article .content", ".article .content", "div.content", "#content"},
	},
	Counter: &Counter{
		Leads:  []string{"api.php?op=count"},
		Find:   findNear(regexp.MustCompile(`(?i)[^"'\s<>()]*api\.php\?op=count[^"'\s<>]*`), "api.php?op=count"),
		Answer: []Answer{HitsHTML, ElementHTML},
	},
	Credit:       []string{"phpcms"},
	Download:     Script{Path: "/index.php", Query: map[string]string{"m": "content", "c": "down"}},
	DownloadPage: Script{Path: "/index.php", Query: map[string]string{"m": "content", "c": "down", "a": "init"}},
}
