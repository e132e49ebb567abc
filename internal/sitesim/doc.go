// Package sitesim simulates the 文明网 hierarchy (中国文明网 and a slice of
// its province, city and county sites) as one deterministic http.Handler,
// for tests, benchmarks and the demo. It imports only the standard library
// and golang.org/x/text, never another wenming package.
//
// # Model
//
// The hierarchy is a fixed table of 18 sites (hierarchy.go): the national
// site, two provinces, two cities under each, two to four counties under
// each city — one county per county CMS: Discuz! X (南宫 GBK, 神木 with
// URL rewriting), EmpireCMS (清河, GBK), DedeCMS (临西, GBK), PHPCMS v9
// (巨鹿), VSB (蓝田); the rest are TRS. Options.Sites above 18 widens it
// towards the real network's ~3,200 sites (wide.go): generated provinces
// (the 29 real ones the table lacks), cities and counties in the real
// proportions, each county on its own domain, each generated site a copy
// of a fixed site of its level in turn — its CMS, charset labels, traps,
// aliases and server signals — with a seeded place name, linked as the
// fixed ones are (upward strip, parents' 友情链接 tab boxes). Options.Articles (the count at Options.Now)
// are split over the sites by weight (every site gets some once there are
// ~50) and within a site over its columns by a seeded repeating block of
// slots (layout.go). Article j of a site — its column, publish time, TRS
// docid / Discuz aid / CMS article id, title, body, source, view count — is
// a pure function of (Seed, site, j) and the simulated clock, computed when
// a page needs it; nothing per article is stored except for articles that
// were fetched (their counted GETs) or edited. A 200,000-article simulation
// therefore costs no more memory than a 300-article one, before and after
// Advance.
//
// Requests are routed by Host (port stripped), so the handler works both as
// an HTTP proxy (absolute-form request lines) and as a virtual-host server.
// Hosts outside the hierarchy answer 502 and are logged Outside; 127.0.0.1
// and localhost get an index page; CONNECT gets 405. Everything real sites
// do that makes crawling hard (traps, aliases, lying charset labels, rate
// limits, 5xx, sitemaps; sections below) is on by default; Options.Calm
// switches off only the server signals.
//
// # Skeleton and templates
//
// Every site is served by one skeleton (skeleton.go, serveCMS): robots.txt
// and sitemaps, the images below the CMS's upload directory (cmsFacts.uploads),
// then the URLs the site's CMS has of its own (cms.special: counters,
// dynamic scripts, traps), then the ordinary page its URL names
// (cms.locate: home, a column's list page, a channel, an about page, an
// article page), which the skeleton pages (404 past the last list page
// unless the CMS lists past it) and has the CMS render; last the site's
// soft 404 (cms.missing), Discuz session ids and the city date.
//
// Every CMS shares the page layouts of the skeleton: every page sits in
// the CMS's frame (cms.head, cms.tail: framed); the homepage is a box of
// newest articles per column between what the CMS puts before and after
// it (homePage), a list page a column's articles between its breadcrumb
// and its pager and sidebar (listPage), a channel page the boxes of its
// columns (groupPage), an about page the paragraphs of its text
// (aboutPage), an article page what the CMS's template shows of the
// article (articlePage); the skeleton decides the <title> (page name, the
// CMS's separator, site name), what each page shows and, on the
// static-publishing CMSes (all but Discuz!, whose portal renders every
// page on request: scripted), its Last-Modified (the CMS's rewrite delays
// after a new article, an edit or a new 下一篇). The pieces every template
// fills alike — the column boxes, 点击排行 lists, the numbered links of
// pagers, an article's text, 上一篇/下一篇 and related articles, the
// editor's paragraphs, the column part of breadcrumbs, the county tail,
// the empty counter answer — are in pieces.go; common.go has the chrome
// shared across CMSes (upward strip, 友情链接 tab box, outside links,
// footer).
//
// A CMS file (trs.go, discuz.go, empire.go, dede.go, phpcms.go, vsb.go)
// holds only what its real templates do differently: the constants of its
// installation (cmsFacts: list size, upload directory, title separator,
// rewrite delays, whether article pages link 下一篇, where the about
// pages are), its URL forms (the cms type's special and locate, article
// and list paths), the markup its
// templates put into the layouts (head, tail, the forms of homeForms,
// listForms, groupForms and aboutForms, pagers, article page, sidebars,
// editor paragraph forms), its date and counter forms and its quirks. To
// add a simulated CMS: write <name>.go with a type that implements cms
// (and softNotFound, pastEndLister or scripted if its server does so),
// name it in cmsOf, give its sites a CMS constant in hierarchy.go, and
// extend serial, canonical, resolve and aliases (layout.go, truth.go) for
// its article ids and URLs.
// TestServedBytesUnchanged (walk_test.go) hashes every answer of a fixed
// walk of the simulation: a refactoring keeps its golden hash
// (testdata/walk.sha256); a change of what is served updates it with
// -update-walk.
//
// # Time
//
// The simulated clock is Options.Now plus every Advance (Sim.Now); wall
// time moves only Request.Time. Everything below is a function of the seed
// and that clock, so two sims with the same seed and the same total
// Advance serve the same bytes, however the Advance was split (live.go) —
// given the same sequence of requests: the server signals count requests
// per host and per URL, and Discuz! session ids number the visits, in
// arrival order.
//
// New articles. Advance(d) publishes the articles of (old Now, new Now] at
// Options.NewPerDay (default: 1.5% of Articles a week split by site
// weight, and at least one per five days on Discuz!, EmpireCMS and VSB
// sites, whose counts a crawler can read: 300 articles gain about 10 in a
// week, 20,000 about 300). Each gets the site's next index, hence the next
// column slot, aid / article id and a higher TRS docid, and a publish
// minute between 08:00 and 21:59. It appears at the top of its column
// list, shifting every list page by one (VSB's counted-down file names
// renumber too), on the homepage and channel pages, in ForEachArticle,
// Truth and Count. Truth.Published is what the page shows (midnight on
// date-only sites, so possibly the initial day). Existing URLs, texts and
// dates never change; 热点排行 and 相关文章 lists draw from the initial
// articles only, so a new article changes no other article page except,
// on CMSes that print 下一篇, its predecessor in the column.
//
// Organic views. A count is the count at the article's base time (the
// initial Now; for a new article its appearance, starting at 0–5) plus
// pace·(A + 20·ln(1+A)) between the ages then and now (A in days, pace
// 0.5–3 a day by the seed: a few a day, several dozen on a new article's
// first day), plus one per counted GET. ViewsAt is the count now (what the
// next GET shows, or one less on the counters that count first).
// Truth.ViewsBefore is the count just before the first counted GET (the
// count now while there is none). Bounding a count a crawler recorded:
//
//	no Advance between its first and last fetch of the article:
//	    ViewsBefore <= seen <= ViewsBefore + Fetches(url)
//	in general, with since = Sim.Now() read before the fetches:
//	    lo, hi, _ := sim.ViewBounds(url, since)  // lo <= seen <= hi
//	    lo = organic count at since, hi = organic count now + Fetches(url)
//
// Edits. Edit(url), and Options.EditsPerDay seeded edits during Advance,
// append a note "（本文于2026年11月5日更新）" (第N次更新 for later edits) to
// the body: title, summary, URL and page split stay, the note joins the
// last page. Truth.Body and Truth.Updated follow.
//
// Deletions. Delete(url) deletes an article: its URLs (aliases included)
// answer as the CMS answers an article that does not exist (404, the
// site's soft-404 page, the Discuz! and DedeCMS 200 message pages), while
// the pages that linked it, written before, keep linking it (modelled:
// nothing is written again), sitemaps included. Truth.Deleted follows.
//
// Conditional GET. Static pages (TRS, EmpireCMS, DedeCMS, PHPCMS, VSB:
// lists, homepages, articles, robots.txt) carry an ETag that hashes the
// bytes and a Last-Modified, and answer If-None-Match / If-Modified-Since
// with 304 while their bytes are unchanged; a page that changed (a new
// article on a list, a new 下一篇 link, an edit, a new "今天是" date on a
// city page) has a new ETag and a later Last-Modified, so old validators
// get 200. Discuz! portal pages, DedeCMS plus/*.php (view.php included),
// trap pages and all counters are dynamic: no validators, never 304.
//
// Truth, ForEachArticle and Fetches expose what a perfect crawler and
// extractor should record, keyed by the canonical URL (Canonical): scheme
// and host lower-cased, default port, fragment and ";jsessionid=…" path
// parameters dropped, index.html/index.htm/index.shtml/default.htm(l)
// folded into the directory, tracking parameters (from, spm, utm_*,
// share…, timestamp …) and session parameters (sid, phpsessid,
// jsessionid, aspsessionid…, sessionid, session_id) dropped, page=1
// dropped, the remaining parameters sorted by key, and Discuz
// article-N-K.html mapped to portal.php?aid=N&mod=view (+&page=K when K is
// not 1). Truth, Fetches, ViewsAt, ViewBounds and Edit accept any URL whose
// canonical form is the article's URL or one of its aliases.
//
// # Aliases
//
// One article, several URLs [seen in the CMS sources]. Truth.Aliases lists
// the other canonical URLs the site links or serves for the article:
//
//	DedeCMS  /plus/view.php?aid=N (same template, dynamic: no validators;
//	         linked from the 打印 link and from half of 推荐内容)
//	PHPCMS   /index.php?a=show&c=index&catid=C&id=N&m=content (linked as
//	         index.php?m=content&c=index&a=show&catid=C&id=N from half of
//	         频道本月排行)
//	EmpireCMS (清河) /m/<article path>: a mobile mirror with a lean template
//	         (h1, date and minute, source, the body paragraphs, the same
//	         counter script), linked as 手机版 from the article and from the
//	         mobile home /m/; robots.txt disallows /m/<column> for each
//	         disallowed column, so Truth.Disallowed holds for both URLs
//	VSB (蓝田, with the mobile-host extra) http://m.ltwmw.gov.cn/<article
//	         path>: the mobile edition on a host of its own
//
// Discuz! spellings — portal.php?mod=view&aid=N (点击排行 sidebar, lists),
// portal.php?aid=N&mod=view (相关阅读 on both sites), article-N-1.html
// (神木 lists) — and the tracking and session variants all canonicalize to
// Truth.URL itself and are not listed. TRS and VSB articles have none.
//
// # Charsets
//
// Site.Charset is the encoding of the bytes; Site.HeaderCharset is what the
// Content-Type header names ("" for a bare text/html) and Site.MetaCharset
// what the <meta> tag declares:
//
//	南宫 (Discuz!)   GBK bytes, bare text/html, meta gbk
//	临西 (DedeCMS)   GBK bytes, header gb2312, meta gb2312
//	清河 (EmpireCMS) GBK bytes, header gbk, meta gbk
//	巨鹿 (PHPCMS)    UTF-8 bytes, header utf-8, meta gbk (the header disagrees
//	                with the meta tag: a re-saved GBK template)
//	周至 (TRS)       UTF-8 bytes, bare text/html, meta gb2312 (re-saved
//	                template; only the bytes tell)
//	all others      UTF-8, header and meta utf-8
//
// A careful decoder — valid UTF-8 is UTF-8, otherwise GBK — recovers every
// page; a decoder that trusts the label first does not on 周至. Counter
// scripts keep their own headers.
//
// # Traps
//
// Infinite link spaces (traps.go, Traps, TrapRequests): each answers 200
// for ever and links onward; none links an article that is not linked from
// ordinary pages, so a trap yields nothing new. Their pages are dynamic (no
// validators) and every request to them is counted under Trap.Key
// (name@host) and logged in Request.Trap:
//
//	calendar      hbzd.wenming.cn  /hdrl/?month=YYYY-MM (活动日历, linked
//	              from the homepage as ./hdrl/): one month of activities
//	              (text only, no article links), links ?month= of the
//	              previous and next month; any month answers, nonsense
//	              means the current one
//	date-archive  sxhx.wenming.cn  /wmrl/?y=YYYY&m=M (文明日历, linked from
//	              the homepage): the site's articles of that month (at most
//	              30, newest first, or 本月暂无信息), links to ±1 month and
//	              ±1 year; any year 1–9999 answers
//	pager         www.smwm.gov.cn  portal.php?mod=list&catid=C&page=N past
//	              the last page answers the last page again, its pager
//	              showing N as current and 下一页 to N+1; the real last page
//	              has no 下一页 (南宫 keeps "暂无内容" past the end)
//	search        www.jlwmw.gov.cn index.php?m=search&c=index&a=init&
//	              typeid=1&q=KW&page=N, linked from the 热门搜索 box of the
//	              homepage and lists: ten results drawn from the site's
//	              initial articles, an estimated count, 下一页 to N+1 on
//	              every page and 相关搜索 links to longer queries
//	session-id    www.ngwm.gov.cn  every portal.php link of every page gets
//	              &sid=XXXXXX (Discuz transsid): the session of the
//	              ngwm_2132_sid cookie, else the sid in the request URL,
//	              else a new one per visit (Set-Cookie too), so the same
//	              page is linked under a new sid on every cookie-less
//	              visit; requests whose URL carries sid are counted
//	soft-404      www.qhwmw.gov.cn every unknown path under /news/ answers
//	              200 with a 页面不存在 page; the homepage and the /news/
//	              pages carry a 新闻动态 link written relative ("news/"),
//	              so /news/qhyw/news/, /news/qhyw/news/news/ … answer for
//	              ever (unknown paths elsewhere still 404)
//
// # Extras
//
// Facts of shared/research/sites.md that would change the default pages,
// and with them the demo's figures and the golden walk, are off unless
// Options.Extras names them (extras.go, AllExtras), each on one fixed site:
// twin-domain (河北文明网 also answering as www.hbjswm.gov.cn, linked so by
// the sites below it), false-gzip (临西's pages labelled Content-Encoding:
// gzip over plain bytes), waf-503 (神木 behind a WAF answering 503 with
// Retry-After as an HTTP date), dead-site (威县, listed by 邢台 and the
// national site, whose host takes requests and never answers) and
// rare-chars (临西 writing rare names in GB18030 four-byte sequences under
// its gb2312 labels), sort-views (清河's EmpireCMS ListInfo: six sorted
// copies of every list, linked from every list page) and relocated (周至
// moving to a domain of its own three simulated days after the initial
// Now: its parents' and the national link blocks name the new host from
// then on, the old one still answers the same site, the site's own pages
// keep their absolute links to the old name), mobile-host (蓝田's lighter
// mobile edition at m.ltwmw.gov.cn under the desktop paths: no column, no
// view count, the date without its time), gzip-files (蓝田's data
// releases as application/x-gzip through VSB's download.jsp, one of them
// a 2 GiB bomb labelled Content-Encoding: gzip too) and wechat-repost
// (巨鹿 reposting its 公众号's articles: the copied #js_content hidden by
// visibility:hidden, or a link or an iframe to mp.weixin.qq.com).
//
// # Server signals
//
// Unless Options.Calm (signals.go):
//
//	sn.wenming.cn    every 30th request to the host answers 429 with
//	                 Retry-After: 2; a request arriving before those 2 s
//	                 elapsed (simulated clock, Request.Time: wall time plus
//	                 Advance) gets 429 with the whole seconds left and is
//	                 recorded (RetryViolations); it does not extend the wait
//	xa.wenming.cn    the list page /xayw/ answers 503 (no Retry-After) to its
//	                 first three requests, counted per canonical URL
//	                 (/xayw/index.html is the same page), then 200
//	www.ltwmw.gov.cn requests 21–26 to the host answer 502, 503, 504, 502,
//	                 503, 504 (an overloaded county server)
//
// Signals come before everything else, robots.txt included.
//
// # Sitemaps
//
// hb.wenming.cn's robots.txt ends with "Sitemap:
// http://hb.wenming.cn/sitemap_index.xml", a sitemaps.org index of one
// child per column, /sitemap/<column path with _>_<k>.xml, of at most 50,000
// URLs each (newest first). sxfg.wenming.cn serves /sitemap.xml, one urlset
// of its newest 50,000 articles, without a robots.txt line. Each <url> has
// the canonical article URL and <lastmod> = its publish time (or its latest
// edit) in RFC 3339 with +08:00. They list robots-disallowed articles too,
// as real generators do. They are static (ETag, Last-Modified).
//
// # Cost
//
// The simulation runs on the machine of the crawler it measures, so what
// it spends a page is taken from the crawler (BenchmarkCrawlMix serves the
// requests of a polite crawl straight to the handler). Pieces that never
// change once the simulation is built — each site's chrome and its
// 点击排行 boxes — are rendered once (memo.go: one string per site and
// piece or box key, a few hundred in all, < 1 MB, on the fixed 18 sites;
// about 10 KB a site on a wide hierarchy); the last 8,192 titles
// asked for are kept in a direct-mapped table (< 1 MB); pages are written
// into pooled buffers (page.go) that go back to the pool once the answer
// is out. None of these depends on Options.Articles, and none changes a
// byte served (TestServedBytesUnchanged).
//
// # Measurement
//
// MaxInFlight reports per host the most requests the handler held at once
// (Options.Latency, default 0, makes each request last that long in wall
// time so that overlap shows); TrapRequests counts trap requests;
// RetryViolations lists requests that ignored a Retry-After.
//
// A few percent of the long TRS and Discuz! articles (about 3.5%, chosen
// by the seed among those of at least 900 runes in 6 paragraphs) span two
// or three pages (multipage.go): TRS t…_docid.shtml, t…_docid_1.shtml …
// with createPageHTML(n, current, "t…_docid", "shtml") under the body;
// Discuz portal.php?mod=view&aid=N&page=K (article-N-K.html when
// rewriting) with the div.pg pager under the content; Truth.Pages holds
// their canonical forms (portal.php?aid=N&mod=view&page=K). Every page repeats
// title and meta line; Truth.URL is page 1, Truth.Pages lists all pages,
// Truth.Body joins all paragraphs in order. On Discuz every GET of any page
// adds a view; a page past the end gets the "不存在" message, TRS a 404.
//
// View counts. Discuz prints the count before the increment (every GET of
// the view page adds one); EmpireCMS's ViewClick answers the count before
// the increment; DedeCMS's count.php adds one on every request naming an
// aid and, with view=yes, answers document.write('N');\r\n with the count
// after the increment (as its source does: UPDATE, then SELECT); PHPCMS's
// api.php?op=count answers $('#todaydowns')…$('#hits').html('N'); with the
// values read before the increment (extract($r) precedes hits()); VSB's
// dynclicks.jsp answers the bare count after the increment (modelled).
// DedeCMS's and PHPCMS's stock robots.txt disallow their counters
// (/plus/count.php; "Disallow: /api" covers /api.php by prefix) and their
// pages print no number next to the label, so a polite crawler cannot learn
// the count: Truth.ViewsBefore is nil there, while Fetches still counts
// counter GETs. DedeCMS list pages do print a stale 点击 number (4/5 of
// the count at the initial Now, as when the list was generated): a trap,
// not the count.
//
// # Seen and modelled
//
// Reproduced as observed ([seen] in shared/research/sites.md): TRS article
// URLs /<channel>/YYYYMM/tYYYYMMDD_<docid>.shtml|.html with relative list
// links; div#title_tex, div.box_tex > div#time_tex (date label, then an
// element, then 来源), div#tex > div.TRS_Editor starting with an inline
// <style>, W0….jpg images, div.editor_tex, div.title breadcrumb of
// a.CurrChnlCls joined by " > ", the publishdate/source/author/contentid/
// catalogs meta tags; date-only national pages and no view count on TRS
// sites; the upward top strips of county and city sites; the 友情链接 tab box
// (中国文明网联盟 / 地级市网站 / 县级市和县网站); Discuz! X portal URLs, <base
// href>, div#pt breadcrumb with <em>&rsaquo;</em>, h1.ph, p.xg1, table.vwtb >
// td#article_content, div.pren, div#comment 最新评论, 返回顶部, the
// "标题 - 栏目 - 站名 - Powered by Discuz!" title, the 15-per-page pager, the
// default Discuz X3 robots.txt, the view count that rises on every GET of the
// view page (showing the value before the increment); 南宫's customised
// "发布时间:Y-n-j H:i  浏览数: N" line; the EmpireCMS ViewClick counter
// script answering document.write('N'); real host names www.wenming.cn,
// hb.wenming.cn, shjz.wenming.cn, yl.wenming.cn, xa.wenming.cn,
// sxhx.wenming.cn, www.ngwm.gov.cn.
//
// Modelled, one reasonable choice each ([inferred]): the other host names
// (xt.wenming.cn, sn.wenming.cn, the TRS counties, www.smwm.gov.cn,
// www.qhwmw.gov.cn, www.lxwmw.gov.cn, www.jlwmw.gov.cn, www.ltwmw.gov.cn);
// column names and paths; which counties run which CMS and charset; the
// DedeCMS/PHPCMS/VSB chrome around the stock content blocks (点击排行
// sidebars with numbers, 相关文章/相关新闻 with dates, footers); PHPCMS
// with static publishing (the dynamic index.php?m=content&c=index&a=show
// form answers too and is linked from a sidebar); VSB without robots.txt (404),
// its date "发布时间：2006年01月02日 15:04", list dates 2006/01/02, 10 per
// page; Truth.Published of pages that print seconds keeps the minute;
// multi-page selection and split points; Discuz pages past the end; the
// createPageHTML pager (the only pager on TRS lists and multi-page TRS
// articles: page links exist only inside the script call);
// date labels, colons and minute precision per local site (one site prints
// full-width digits, one 2023年3月22日, the city 榆林 "时间：2023年03月06日
// 12:29" — a time of day found only in the text, its URL carrying
// tYYYYMMDD_ and its publishdate meta the day; Truth.Precision "minute");
// 南宫 as GBK with the charset only in the meta tag, and the other charset
// labels above; which sites carry which trap, alias and server signal; the EmpireCMS templates and the counter answering the
// count before the increment (k-th counting GET shows ViewsBefore+k-1
// without Advance in between);
// TRS/EmpireCMS robots.txt files, each disallowing one article column
// (河北文明网 /gztb/ 工作通报, 清河文明网 /nbzl/ 内部资料) linked from the
// site's menu; Discuz answering unknown aids with its HTTP 200 "不存在或已被
// 删除" message page; all titles and bodies, generated from phrase tables.
//
// Traps kept on purpose: 热点排行/点击排行 sidebars with numbers, related lists
// with other dates, footers with 版权所有/ICP/技术支持 and dates, a "今天是"
// date on city strips, Discuz summaries (摘要) above the body, list titles
// truncated with "...", tracking-parameter and #comment links, 关于我们 /
// 联系我们 and Discuz comment pages that are not articles (a VSB 联系我们
// page even uses the news content component, minus date and counter;
// DedeCMS feedback.php and the PHPCMS comment iframe are not articles
// either), summaries above the body (DedeCMS div.intro, PHPCMS
// div.summary), the PHPCMS h1 holding date and 点击 after the title,
// DedeCMS "来源:未知", labels with no number (点击: … 次), dead links that
// answer 404, and links to hosts outside the hierarchy (gov.cn, weibo.com,
// news sites). The 友情链接 tab boxes name sites in full in the 中国文明网联盟
// tab but by place only (邢台, 南宫) in the 地级市网站 and 县级市和县网站 tabs,
// as the 2016 榆林 page does; city pages list sibling cities too. Every site
// a tab box lists is simulated: in the real network each such link leads to
// a member site that a crawler of the hierarchy must visit.
package sitesim
