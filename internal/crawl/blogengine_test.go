package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// blogSite is a county site on a blog engine no rule here knows,
// built as WordPress and its common themes build one: posts at
// /YYYY/MM/DD/slug/ with a shortlink /?p=N that redirects there, a home
// and category archives of excerpts paged at /page/N/, day, month and
// year archives, a calendar widget, tag and author archives, RSS feeds,
// a JSON API, a sitemap index, comment threads whose reply links add
// ?replytocom=N to the post's URL, and post navigation naming the
// neighbouring posts. robots.txt is WordPress's default.
type blogSite struct {
	posts []blogPost
	hits  hitCounter
	// plain is WordPress's default "plain" permalinks: every URL is the
	// site's root with a query (/?p=123, /?cat=3&paged=2, /?m=20240502).
	plain bool
	// full is a theme that shows archives with each post's whole text
	// (WordPress's own themes do, for posts without a <!--more--> mark),
	// not excerpts.
	full  bool
	catID map[string]int // a category's number in plain permalinks
}

type blogPost struct {
	id       int
	title    string
	slug     string
	date     time.Time
	category string // slug
	comments int
}

var blogCategories = map[string]string{"gzdt": "工作动态", "zyfw": "志愿服务"}

var blogTopics = []string{"政策宣讲", "义诊", "环境整治", "垃圾分类", "文明交通", "关爱老人", "读书分享", "反诈宣传", "消防演练", "植树护绿"}

func newBlogSite(n int, plain, full bool) *blogSite {
	s := &blogSite{plain: plain, full: full, catID: map[string]int{"gzdt": 3, "zyfw": 5}}
	cst := time.FixedZone("CST", 8*3600)
	for i := 0; i < n; i++ {
		cat := "gzdt"
		if i%3 == 2 {
			cat = "zyfw"
		}
		topic := blogTopics[i%len(blogTopics)]
		title := fmt.Sprintf("%s志愿服务活动走进社区", topic)
		if i >= len(blogTopics) {
			title = fmt.Sprintf("%s志愿服务活动再进社区（第%d场）", topic, i/len(blogTopics)+1)
		}
		s.posts = append(s.posts, blogPost{
			id:    100 + i*7,
			title: title,
			// WordPress makes a post's slug of its title: Chinese
			// titles give a percent-encoded path segment, one per post.
			slug:     strings.TrimSuffix(title, "志愿服务活动走进社区"),
			date:     time.Date(2024, 4, 20, 9, 30, 0, 0, cst).Add(time.Duration(i) * 37 * time.Hour),
			category: cat,
			comments: i % 4,
		})
	}
	return s
}

// path is the post's permalink path as links write it (escaped).
func (p blogPost) path() string {
	return fmt.Sprintf("/%s/%s/", p.date.Format("2006/01/02"), url.PathEscape(p.slug))
}

// postURL is the post's permalink (path and query) on s.
func (s *blogSite) postURL(p blogPost) string {
	if s.plain {
		return fmt.Sprintf("/?p=%d", p.id)
	}
	return p.path()
}

// catURL is the archive of a category.
func (s *blogSite) catURL(slug string) string {
	if s.plain {
		return fmt.Sprintf("/?cat=%d", s.catID[slug])
	}
	return "/category/" + slug + "/"
}

// dateURL is the archive of a day, a month or a year (layout says which).
func (s *blogSite) dateURL(t time.Time, layout string) string {
	if s.plain {
		return "/?m=" + t.Format(strings.ReplaceAll(layout, "/", ""))
	}
	return "/" + t.Format(layout) + "/"
}

// tagURL is the archive of the tag 志愿服务.
func (s *blogSite) tagURL() string {
	if s.plain {
		return "/?tag=%e5%bf%97%e6%84%bf%e6%9c%8d%e5%8a%a1"
	}
	return "/tag/%e5%bf%97%e6%84%bf%e6%9c%8d%e5%8a%a1/"
}

// pageURL is page k of the archive at base.
func (s *blogSite) pageURL(base string, k int) string {
	switch {
	case k == 1:
		return base
	case !s.plain:
		return fmt.Sprintf("%spage/%d/", base, k)
	case base == "/":
		return fmt.Sprintf("/?paged=%d", k)
	}
	return fmt.Sprintf("%s&paged=%d", base, k)
}

// body is the post's text: three paragraphs of its own.
func (p blogPost) body() []string {
	return []string{
		fmt.Sprintf("%s，城关镇新时代文明实践所组织志愿者深入第%d社区，开展政策宣讲、义诊和环境整治等活动。", p.date.Format("1月2日"), p.id),
		fmt.Sprintf("上午八点半，%s志愿服务队的队员们就来到社区广场，搭起帐篷、摆好桌椅，挂上宣传横幅。前来咨询的居民络绎不绝，队员们耐心解答每一个问题，现场秩序井然。", p.slug),
		"在政策宣讲点，宣讲员结合身边的真实事例，用通俗易懂的语言向居民讲解医保、养老、就业等方面的惠民政策，不少老年居民边听边记，遇到不明白的地方还当场提问。",
		"义诊区里，来自镇卫生院的医生为居民测量血压、血糖，开展健康咨询，并针对夏季常见病、多发病的预防给出建议。一位七十多岁的老人说，在家门口就能看病，真是太方便了。",
		"环境整治组的志愿者则分成几个小组，清理楼道杂物、捡拾绿化带垃圾、清除小广告，一上午共清运垃圾两车，社区面貌焕然一新。",
		"活动期间，社区还设置了文明实践积分兑换点，居民凭参与志愿服务获得的积分，可以兑换洗衣液、毛巾、雨伞等生活用品。积分制度实行以来，主动报名参加志愿服务的居民越来越多，社区志愿者队伍已经从最初的二十多人发展到三百余人。",
		"社区党支部书记介绍，今年以来，社区围绕群众最关心、最直接、最现实的问题，先后开展各类志愿服务活动四十余场次，服务群众五千余人次，收集意见建议一百二十多条，已经办结一百一十条，其余的正在协调有关部门推进解决。",
		fmt.Sprintf("活动现场，志愿者为居民讲解垃圾分类知识，发放宣传资料%d余份，并为老年人测量血压、提供健康咨询。", p.id*3),
		fmt.Sprintf("据介绍，这是今年第%d次集中志愿服务活动，下一步将建立常态化机制，让文明实践融入群众日常生活。", p.id%17+2),
	}
}

// pages is how many pages a post is split into (WordPress's
// <!--nextpage-->): two for every fifth post.
func (p blogPost) pages() int {
	if p.id%5 == 3 {
		return 2
	}
	return 1
}

// paras are the paragraphs on page k (1-based) of the post.
func (p blogPost) paras(k int) []string {
	all := p.body()
	if p.pages() == 1 {
		return all
	}
	half := len(all) / 2
	if k == 1 {
		return all[:half]
	}
	return all[half:]
}

// pageLink is the URL of page k of a post.
func (s *blogSite) pageLink(p blogPost, k int) string {
	switch {
	case k == 1:
		return s.postURL(p)
	case s.plain:
		return fmt.Sprintf("%s&page=%d", s.postURL(p), k)
	}
	return fmt.Sprintf("%s%d/", s.postURL(p), k)
}

func (s *blogSite) byID(id int) (blogPost, bool) {
	for _, p := range s.posts {
		if p.id == id {
			return p, true
		}
	}
	return blogPost{}, false
}

const blogPerPage = 5

func (s *blogSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.URL.RequestURI())
	if offHost(w, r, "top.wenming.test") {
		return
	}
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		sitemap := "/wp-sitemap.xml"
		if s.plain {
			sitemap = "/?sitemap=index"
		}
		fmt.Fprint(w, "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: http://top.wenming.test"+sitemap+"\n")
		return
	case p == "/wp-sitemap.xml":
		w.Header().Set("Content-Type", "application/xml; charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<sitemap><loc>http://top.wenming.test/wp-sitemap-posts-post-1.xml</loc></sitemap>`+
			`<sitemap><loc>http://top.wenming.test/wp-sitemap-taxonomies-category-1.xml</loc></sitemap></sitemapindex>`)
		return
	case p == "/wp-sitemap-posts-post-1.xml":
		w.Header().Set("Content-Type", "application/xml; charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, post := range s.posts {
			fmt.Fprintf(w, `<url><loc>http://top.wenming.test%s</loc><lastmod>%s</lastmod></url>`, s.postURL(post), post.date.Format(time.RFC3339))
		}
		fmt.Fprint(w, `</urlset>`)
		return
	case p == "/wp-sitemap-taxonomies-category-1.xml":
		w.Header().Set("Content-Type", "application/xml; charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<url><loc>http://top.wenming.test`+s.catURL("gzdt")+`</loc></url><url><loc>http://top.wenming.test`+s.catURL("zyfw")+`</loc></url></urlset>`)
		return
	case strings.HasSuffix(p, "/feed/"):
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>城关镇文明网</title>`)
		for _, post := range s.posts {
			fmt.Fprintf(w, `<item><title>%s</title><link>http://top.wenming.test%s</link></item>`, post.title, s.postURL(post))
		}
		fmt.Fprint(w, `</channel></rss>`)
		return
	case strings.HasPrefix(p, "/wp-json"):
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		fmt.Fprint(w, `{"name":"城关镇文明网","namespaces":["oembed/1.0","wp/v2"],"routes":{}}`)
		return
	case p == "/xmlrpc.php":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "XML-RPC server accepts POST requests only.")
		return
	case p == "/wp-login.php":
		s.page(w, "登录", `<form name="loginform" action="/wp-login.php" method="post"><input name="log"><input name="pwd" type="password"><input type="submit" value="登录"></form>`+
			`<a href="/wp-login.php?action=lostpassword">忘记密码？</a>`, "")
		return
	case s.plain && p == "/" && r.URL.RawQuery != "":
		s.servePlain(w, r)
		return
	case p == "/" && r.URL.Query().Get("p") != "":
		id, _ := strconv.Atoi(r.URL.Query().Get("p"))
		if post, ok := s.byID(id); ok {
			http.Redirect(w, r, post.path(), http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
		return
	case p == "/" && r.URL.Query().Get("s") != "":
		s.archive(w, "搜索结果："+r.URL.Query().Get("s"), nil, "/", 1)
		return
	}
	if post, ok := s.postAt(p); ok {
		s.post(w, post, r.URL.Query().Get("replytocom") != "", 1)
		return
	}
	if i := strings.LastIndex(strings.TrimSuffix(p, "/"), "/"); i > 0 {
		// /yyyy/mm/dd/slug/2/: page 2 of a post.
		k, err := strconv.Atoi(strings.TrimSuffix(p, "/")[i+1:])
		if post, ok := s.postAt(p[:i+1]); err == nil && ok && k >= 2 && k <= post.pages() {
			s.post(w, post, false, k)
			return
		}
	}
	base, page := p, 1
	if i := strings.Index(p, "/page/"); i >= 0 {
		n, err := strconv.Atoi(strings.Trim(p[i+len("/page/"):], "/"))
		if err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		base, page = p[:i+1], n
	}
	switch {
	case base == "/":
		s.archive(w, "", s.posts, "/", page)
	case strings.HasPrefix(base, "/category/"):
		slug := strings.Trim(strings.TrimPrefix(base, "/category/"), "/")
		name, ok := blogCategories[slug]
		if !ok {
			http.NotFound(w, r)
			return
		}
		var in []blogPost
		for _, post := range s.posts {
			if post.category == slug {
				in = append(in, post)
			}
		}
		s.archive(w, "分类："+name, in, base, page)
	case strings.HasPrefix(base, "/tag/"), strings.HasPrefix(base, "/author/"):
		s.archive(w, "归档", s.posts, base, page)
	default:
		// Date archives: /2024/, /2024/05/, /2024/05/12/.
		parts := strings.Split(strings.Trim(base, "/"), "/")
		if len(parts) < 1 || len(parts) > 3 {
			http.NotFound(w, r)
			return
		}
		layout := []string{"2006", "2006/01", "2006/01/02"}[len(parts)-1]
		prefix := strings.Join(parts, "/")
		if _, err := time.Parse(layout, prefix); err != nil {
			http.NotFound(w, r)
			return
		}
		var in []blogPost
		for _, post := range s.posts {
			if post.date.Format(layout) == prefix {
				in = append(in, post)
			}
		}
		// WordPress answers an empty date archive 404.
		if len(in) == 0 {
			http.NotFound(w, r)
			return
		}
		s.archive(w, "归档："+prefix, in, base, page)
	}
}

// servePlain answers the query URLs of plain permalinks at the root:
// a post (?p=), a category (?cat=), a date (?m=), a tag (?tag=), each
// paged by &paged=, a search (?s=) and a feed (?feed=).
func (s *blogSite) servePlain(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := 1
	if v := q.Get("paged"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		page = n
	}
	switch {
	case q.Get("p") != "":
		id, _ := strconv.Atoi(q.Get("p"))
		post, ok := s.byID(id)
		if !ok {
			http.NotFound(w, r)
			return
		}
		k := 1
		if v := q.Get("page"); v != "" {
			if k, _ = strconv.Atoi(v); k < 1 || k > post.pages() {
				http.NotFound(w, r)
				return
			}
		}
		s.post(w, post, q.Get("replytocom") != "", k)
	case q.Get("cat") != "":
		for slug, id := range s.catID {
			if q.Get("cat") != strconv.Itoa(id) {
				continue
			}
			var in []blogPost
			for _, post := range s.posts {
				if post.category == slug {
					in = append(in, post)
				}
			}
			s.archive(w, "分类："+blogCategories[slug], in, s.catURL(slug), page)
			return
		}
		http.NotFound(w, r)
	case q.Get("m") != "":
		m := q.Get("m")
		layout := map[int]string{4: "2006", 6: "200601", 8: "20060102"}[len(m)]
		var in []blogPost
		for _, post := range s.posts {
			if layout != "" && post.date.Format(layout) == m {
				in = append(in, post)
			}
		}
		if len(in) == 0 {
			http.NotFound(w, r)
			return
		}
		s.archive(w, "归档："+m, in, "/?m="+m, page)
	case q.Get("tag") != "":
		s.archive(w, "标签：志愿服务", s.posts, s.tagURL(), page)
	case q.Get("s") != "":
		s.archive(w, "搜索结果："+q.Get("s"), nil, "/", 1)
	case q.Get("paged") != "":
		s.archive(w, "", s.posts, "/", page)
	case q.Get("feed") != "" || q.Get("sitemap") != "":
		w.Header().Set("Content-Type", "application/xml; charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, post := range s.posts[:len(s.posts)/2] { // the newest half only
			fmt.Fprintf(w, `<url><loc>http://top.wenming.test%s</loc></url>`, s.postURL(post))
		}
		fmt.Fprint(w, `</urlset>`)
	default:
		http.NotFound(w, r)
	}
}

// postAt returns the post whose permalink is path (decoded, as a
// request's URL.Path is).
func (s *blogSite) postAt(path string) (blogPost, bool) {
	for _, post := range s.posts {
		if fmt.Sprintf("/%s/%s/", post.date.Format("2006/01/02"), post.slug) == path {
			return post, true
		}
	}
	return blogPost{}, false
}

// page writes a page of the theme: head, header, menu, main, sidebar
// (recent posts, categories, archives, a calendar, tags, meta links),
// footer.
func (s *blogSite) page(w http.ResponseWriter, title, main, head string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	name := "城关镇文明网"
	full := name + " – 传播文明 引领风尚"
	if title != "" {
		full = title + " – " + name
	}
	var side strings.Builder
	side.WriteString(`<aside id="secondary" class="widget-area"><section class="widget widget_search"><form role="search" method="get" action="/"><input type="search" name="s"><input type="submit" value="搜索"></form></section>`)
	side.WriteString(`<section class="widget widget_recent_entries"><h2 class="widget-title">近期文章</h2><ul>`)
	for i := len(s.posts) - 1; i >= 0 && i >= len(s.posts)-5; i-- {
		fmt.Fprintf(&side, `<li><a href="%s">%s</a></li>`, s.postURL(s.posts[i]), s.posts[i].title)
	}
	side.WriteString(`</ul></section><section class="widget widget_categories"><h2 class="widget-title">分类</h2><ul><li class="cat-item"><a href="` + s.catURL("gzdt") + `">工作动态</a></li><li class="cat-item"><a href="` + s.catURL("zyfw") + `">志愿服务</a></li></ul></section>`)
	may, april := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	side.WriteString(`<section class="widget widget_archive"><h2 class="widget-title">归档</h2><ul><li><a href="` + s.dateURL(may, "2006/01") + `">2024年5月</a></li><li><a href="` + s.dateURL(april, "2006/01") + `">2024年4月</a></li></ul></section>`)
	side.WriteString(`<section class="widget widget_calendar"><div id="calendar_wrap"><table id="wp-calendar"><caption>2024年5月</caption><tbody><tr>`)
	for d := 1; d <= 31; d++ {
		day := fmt.Sprintf("2024/05/%02d", d)
		linked := false
		for _, post := range s.posts {
			if post.date.Format("2006/01/02") == day {
				linked = true
			}
		}
		if linked {
			fmt.Fprintf(&side, `<td><a href="%s" aria-label="文章发布于 2024年5月%d日">%d</a></td>`, s.dateURL(may.AddDate(0, 0, d-1), "2006/01/02"), d, d)
		} else {
			fmt.Fprintf(&side, `<td>%d</td>`, d)
		}
	}
	side.WriteString(`</tr></tbody></table><nav class="wp-calendar-nav"><span class="wp-calendar-nav-prev"><a href="` + s.dateURL(april, "2006/01") + `">« 4月</a></span></nav></div></section>`)
	side.WriteString(`<section class="widget widget_tag_cloud"><h2 class="widget-title">标签</h2><div class="tagcloud"><a href="` + s.tagURL() + `">志愿服务</a></div></section>`)
	side.WriteString(`<section class="widget widget_meta"><h2 class="widget-title">其他操作</h2><ul><li><a href="/wp-login.php">登录</a></li><li><a href="/feed/">条目 feed</a></li><li><a href="/comments/feed/">评论 feed</a></li><li><a href="https://cn.wordpress.org/">WordPress.org</a></li></ul></section></aside>`)
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="UTF-8"><title>%s</title>`+
		`<link rel="alternate" type="application/rss+xml" title="城关镇文明网 » Feed" href="/feed/">`+
		`<link rel="https://api.w.org/" href="/wp-json/"><link rel="EditURI" type="application/rsd+xml" title="RSD" href="/xmlrpc.php?rsd">%s`+
		`<script>window._wpemojiSettings = {"baseUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/72x72\/"};</script></head>`+
		`<body class="home blog"><div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">城关镇文明网</a></p><p class="site-description">传播文明 引领风尚</p>`+
		`<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">首页</a></li><li><a href="%s">工作动态</a></li><li><a href="%s">志愿服务</a></li></ul></nav></header>`+
		`<div id="content" class="site-content"><main id="main" class="site-main">%s</main>%s</div>`+
		`<footer id="colophon" class="site-footer"><div class="site-info">版权所有 © 2024 城关镇文明网 · 自豪地采用 WordPress</div></footer></div></body></html>`,
		full, head, s.catURL("gzdt"), s.catURL("zyfw"), main, side.String())
}

// archive writes page n of a list of posts (newest first) as excerpts,
// with WordPress's pager under base.
func (s *blogSite) archive(w http.ResponseWriter, title string, posts []blogPost, base string, n int) {
	var b strings.Builder
	if title != "" {
		fmt.Fprintf(&b, `<header class="page-header"><h1 class="page-title">%s</h1></header>`, title)
	}
	pages := (len(posts) + blogPerPage - 1) / blogPerPage
	if n > max(pages, 1) {
		w.WriteHeader(http.StatusNotFound)
		s.page(w, "未找到页面", `<section class="error-404 not-found"><h1 class="page-title">抱歉，找不到该页面。</h1></section>`, "")
		return
	}
	for i := len(posts) - 1 - (n-1)*blogPerPage; i >= 0 && i > len(posts)-1-n*blogPerPage; i-- {
		post := posts[i]
		fmt.Fprintf(&b, `<article id="post-%d" class="post-%d post type-post status-publish format-standard hentry category-%s">`+
			`<header class="entry-header"><h2 class="entry-title"><a href="%s" rel="bookmark">%s</a></h2>`+
			`<div class="entry-meta"><span class="posted-on">发布于 <a href="%s" rel="bookmark"><time class="entry-date published" datetime="%s">%s</time></a></span></div></header>`+
			`%s</article>`,
			post.id, post.id, post.category, s.postURL(post), post.title, s.postURL(post), post.date.Format(time.RFC3339), post.date.Format("2006年1月2日"),
			s.entryText(post))
	}
	if pages > 1 {
		b.WriteString(`<nav class="navigation pagination" aria-label="文章分页"><div class="nav-links">`)
		link := func(k int) string { return s.pageURL(base, k) }
		if n > 1 {
			fmt.Fprintf(&b, `<a class="prev page-numbers" href="%s">上一页</a>`, link(n-1))
		}
		for k := 1; k <= pages; k++ {
			if k == n {
				fmt.Fprintf(&b, `<span aria-current="page" class="page-numbers current">%d</span>`, k)
			} else {
				fmt.Fprintf(&b, `<a class="page-numbers" href="%s">%d</a>`, link(k), k)
			}
		}
		if n < pages {
			fmt.Fprintf(&b, `<a class="next page-numbers" href="%s">下一页</a>`, link(n+1))
		}
		b.WriteString(`</div></nav>`)
	}
	s.page(w, title, b.String(), "")
}

// entryText is a post's entry in an archive: an excerpt and a link to
// read on, or with a full theme the post's whole text.
func (s *blogSite) entryText(p blogPost) string {
	if !s.full {
		return fmt.Sprintf(`<div class="entry-summary"><p>%s […]</p></div><footer class="entry-footer"><a class="more-link" href="%s">继续阅读<span class="screen-reader-text">“%s”</span></a></footer>`,
			string([]rune(p.body()[0])[:40]), s.postURL(p), p.title)
	}
	var b strings.Builder
	b.WriteString(`<div class="entry-content">`)
	for _, para := range p.paras(1) {
		fmt.Fprintf(&b, "<p>%s</p>\n", para)
	}
	fmt.Fprintf(&b, `</div><footer class="entry-footer"><span class="cat-links">发布于 <a href="%s" rel="category tag">%s</a></span></footer>`,
		s.catURL(p.category), blogCategories[p.category])
	return b.String()
}

// post writes a post's page; a reply link's page (?replytocom=) is the
// same page, with WordPress's noindex.
func (s *blogSite) post(w http.ResponseWriter, p blogPost, reply bool, page int) {
	link := "http://top.wenming.test" + s.postURL(p)
	head := fmt.Sprintf(`<link rel="canonical" href="%s"><link rel="shortlink" href="http://top.wenming.test/?p=%d">`, link, p.id)
	if reply {
		head += `<meta name='robots' content='noindex, follow'>`
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<article id="post-%d" class="post-%d post type-post status-publish format-standard hentry category-%s">`+
		`<header class="entry-header"><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on">发布于 <a href="%s" rel="bookmark">`+
		`<time class="entry-date published" datetime="%s">%s</time><time class="updated" datetime="%s">%s</time></a></span>`+
		`<span class="byline"> 作者 <span class="author vcard"><a class="url fn n" href="/author/wmb/">城关镇文明办</a></span></span></div></header><div class="entry-content">`,
		p.id, p.id, p.category, p.title, link, p.date.Format(time.RFC3339), p.date.Format("2006年1月2日"),
		p.date.Add(50*time.Hour).Format(time.RFC3339), p.date.Add(50*time.Hour).Format("2006年1月2日"))
	for _, para := range p.paras(page) {
		fmt.Fprintf(&b, "<p>%s</p>\n", para)
	}
	if p.pages() > 1 {
		b.WriteString(`<div class="page-links">页面： `)
		for k := 1; k <= p.pages(); k++ {
			if k == page {
				fmt.Fprintf(&b, `<span class="post-page-numbers current" aria-current="page">%d</span> `, k)
			} else {
				fmt.Fprintf(&b, `<a href="%s" class="post-page-numbers">%d</a> `, s.pageLink(p, k), k)
			}
		}
		b.WriteString(`</div>`)
	}
	fmt.Fprintf(&b, `</div><footer class="entry-footer"><span class="cat-links">发布于 <a href="%s" rel="category tag">%s</a></span>`+
		`<span class="tags-links">标签 <a href="%s" rel="tag">志愿服务</a></span></footer></article>`,
		s.catURL(p.category), blogCategories[p.category], s.tagURL())
	b.WriteString(`<nav class="navigation post-navigation" aria-label="文章"><h2 class="screen-reader-text">文章导航</h2><div class="nav-links">`)
	for i, q := range s.posts {
		if q.id != p.id {
			continue
		}
		if i > 0 {
			fmt.Fprintf(&b, `<div class="nav-previous"><a href="%s" rel="prev"><span class="meta-nav">上一篇</span> <span class="post-title">%s</span></a></div>`, s.postURL(s.posts[i-1]), s.posts[i-1].title)
		}
		if i+1 < len(s.posts) {
			fmt.Fprintf(&b, `<div class="nav-next"><a href="%s" rel="next"><span class="meta-nav">下一篇</span> <span class="post-title">%s</span></a></div>`, s.postURL(s.posts[i+1]), s.posts[i+1].title)
		}
	}
	b.WriteString(`</div></nav>`)
	if p.comments > 0 {
		fmt.Fprintf(&b, `<div id="comments" class="comments-area"><h2 class="comments-title">《%s》上有%d条评论</h2><ol class="comment-list">`, p.title, p.comments)
		for k := 0; k < p.comments; k++ {
			cid := p.id*10 + k
			fmt.Fprintf(&b, `<li id="comment-%d" class="comment"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">居民%d</b> <span class="says">说：</span></div>`+
				`<div class="comment-metadata"><a href="%s#comment-%d"><time datetime="%s">%s</time></a></div></footer>`+
				`<div class="comment-content"><p>这样的活动很有意义，希望以后多多举办，我们社区的老人都很受益，感谢志愿者们的辛苦付出！</p></div>`+
				`<div class="reply"><a rel="nofollow" class="comment-reply-link" href="%s%sreplytocom=%d#respond" aria-label="回复给居民%d">回复</a></div></article></li>`,
				cid, k+1, s.postURL(p), cid, p.date.Add(time.Duration(k+3)*time.Hour).Format(time.RFC3339), p.date.Add(time.Duration(k+3)*time.Hour).Format("2006年1月2日 15:04"), s.postURL(p), querySep(s.postURL(p)), cid, k+1)
		}
		b.WriteString(`</ol>`)
	}
	b.WriteString(`<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">发表回复</h3><form action="/wp-comments-post.php" method="post" id="commentform"><p class="comment-notes">您的电子邮箱地址不会被公开。</p><textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="发表评论"></form></div>`)
	if p.comments > 0 {
		b.WriteString(`</div>`)
	}
	s.page(w, p.title, b.String(), head)
}

// TestBlogEngineSite crawls a county site on a blog engine (built as
// WordPress builds one): every post is archived once, under its
// permalink, with its title, publish time (not the time it was updated),
// author, category as column and its text without the comments or the
// names of the neighbouring posts; no archive, feed or reply page is an
// article; the crawl ends having fetched each post's page a bounded
// number of times.
func TestBlogEngineSite(t *testing.T) {
	for _, tc := range []struct{ plain, full bool }{{false, false}, {true, false}, {false, true}} {
		t.Run(fmt.Sprintf("plain=%v,full=%v", tc.plain, tc.full), func(t *testing.T) { testBlogEngineSite(t, tc.plain, tc.full) })
	}
}

func testBlogEngineSite(t *testing.T, plain, full bool) {
	site := newBlogSite(14, plain, full)
	store, sink := aliasedSink()
	const workers = 4
	_, sum := crawlWeb(t, site, Options{Workers: workers}, store)

	var urls []string
	for _, p := range site.posts {
		u := "http://top.wenming.test" + site.postURL(p)
		urls = append(urls, u)
		a := sink.get(u)
		if !wantRecord(t, u, a, p.title, p.date, blogCategories[p.category]) {
			continue
		}
		if a.Author != "城关镇文明办" {
			t.Errorf("%s: author %q, want 城关镇文明办", u, a.Author)
		}
		want := strings.Join(p.body(), "\n")
		if a.Body != want {
			t.Errorf("%s: body\n%q\nwant\n%q", u, a.Body, want)
		}
	}
	sink.wantOnly(t, urls)
	for _, p := range site.posts {
		if n := site.hits.requests(site.postURL(p)); n > 2 {
			t.Errorf("%s fetched %d times", site.postURL(p), n)
		}
	}
	replies := 0
	site.hits.mu.Lock()
	for k, n := range site.hits.hits {
		if strings.Contains(k, "replytocom=") {
			replies += n
		}
	}
	site.hits.mu.Unlock()
	t.Logf("requests %d, pages %d, other pages %d, aliased %d, reply links fetched %d, inert %v, errors %v", sum.Requests, sum.Pages, sum.OtherPages, sum.ArticlesAliased, replies, sum.Inert, sum.Errors)
	// Until a parameter is learnt inert (inertSightings pages), and
	// those already in flight then: of 19 reply links.
	if replies > inertSightings+workers {
		t.Errorf("%d reply links fetched: each is the post again", replies)
	}
}

// querySep is what joins one more parameter to u: ? or &.
func querySep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}
