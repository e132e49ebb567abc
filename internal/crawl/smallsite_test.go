package crawl

import (
	"fmt"
	"io"
	"net/http"
)

// smallSite answers the pages of a small county site of n articles, the
// stage of the tests of one server behaviour: its homepage lists them at
// /a/N.html, each article links the next, every link written as link
// makes it of the path (the path itself when link is nil). It reports
// whether path was one of its pages.
func smallSite(w http.ResponseWriter, path string, n int, link func(path string) string) bool {
	if link == nil {
		link = func(p string) string { return p }
	}
	var id int
	switch {
	case path == "/":
		io.WriteString(w, `<html><head><meta charset="utf-8"><title>某县文明网</title></head><body><ul>`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, `<li><a href="%s">志愿服务活动纪实第%d篇</a></li>`, link(fmt.Sprintf("/a/%d.html", i)), i)
		}
		io.WriteString(w, `</ul></body></html>`)
	case scanID(path, "/a/%d.html", &id) && id < n:
		fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>志愿服务活动纪实第%d篇_某县文明网</title></head><body>%s`, id, numberedArticle(fmt.Sprint(id)))
		if id+1 < n {
			fmt.Fprintf(w, `<div class="next">下一篇：<a href="%s">下一篇</a></div>`, link(fmt.Sprintf("/a/%d.html", id+1)))
		}
		io.WriteString(w, `</body></html>`)
	default:
		return false
	}
	return true
}
