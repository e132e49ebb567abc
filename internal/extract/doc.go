// Package extract turns one fetched HTML page of a 文明网 site into article
// fields: title, publish time and its precision, view count (or the script
// URL that serves it), body text, column, source, author and editor.
//
// Decode first converts the raw bytes to UTF-8 (BOM, Content-Type header,
// <meta> prescan; GBK and GB2312 are decoded as GB18030) and says why in a
// Decoding: when the label lies — gb2312 on bytes that are valid UTF-8, utf-8
// on GBK bytes — the bytes win, and a page with no label reads as UTF-8,
// GB18030 or Big5, whichever its bytes decode into best. Extract then picks a
// profile: one of the CMSs of package cms, which says what each one's pages
// look like (signals, field selectors, counter script, multi-page URLs), or
// "generic", Chinese-aware scoring for everything else:
//
//   - "trs": the TRS WCM platform of the national, province and city sites;
//   - "discuz": Discuz! X portal articles (county sites such as 南宫文明网);
//   - "empirecms", "dedecms", "phpcms", "vsb": county CMSs recognised by
//     their view counter scripts, generator tags and path conventions;
//   - "hanweb": government site-cluster platforms built as 大汉 JCMS
//     (/art/…/art_COL_ID.html, jpage column lists): the URL's day and the
//     pager script only, the generic rules read the rest;
//   - "jeecms": Java portals built as JEECMS (.jhtml pages, files under
//     /r/cms/): the view counter of front.js's Cms.viewCount only.
//
// A profile fills the fields it knows from fixed selectors (cmsrules.go
// follows a CMS's cms.Fields); the generic rules fill whatever is left. Users add or refine profiles as data (ProfileSpec,
// from config.yaml) compiled once by CompileProfiles and passed to
// ExtractWith; a user profile for a host beats detection, and a selector
// that matches nothing falls back to the built-in or generic rule.
// Result.Provenance names the profile or rule behind every field.
//
// The generic body rule scores blocks by sentence punctuation (Chinese, and
// the stops and commas of alphabetic, Arabic-script and Devanagari text)
// and link density, trusts strong containers (TRS_Editor, #zoom, …; not
// one that wraps a page's column, a quarter of its text in links: a
// portal's #article_content around the story, its teasers and a
// sidebar), and treats blocks whose class/id words say nav, sidebar, related, comment,
// cookie consent, newsletter, support, an embedded tweet, a QR-code or
// app box, a platform's disclaimer … (or whose ARIA
// landmark role, or the name of the script component running them, says
// so) as furniture —
// unless they hold running text with few links (a body container called
// "article-body_with-aside"); CSS utility classes ("relative", "top-0"),
// modifier words ("has-sidebar"), the letters of a hashed name after
// its digits (CSS-in-JS: "css-2ad8f1" is no ad), links inside sentences
// and a figure's parts named by their place in it ("media__figure-footer")
// name no furniture. A box headed as the writer's biography (作者简介,
// 关于作者) is furniture on a page whose sentences are mostly elsewhere,
// one headed as readers' comments (网友评论, 跟帖（6）, 网友留言,
// 网友评论　已有128人参与) as a
// comment box is, and so are a heading that counts the comments after
// the story in its container (《…》已有2件评论, 5 Responses to “…”) and
// the blocks after it (headedbox.go, whatever their classes are called),
// a list of readers' posts after the story in its container, each dated
// on a line of its own over its words, whatever its heading (你怎么看:
// postlist.go), and the writer's box closing that container, a name
// and a portrait whose alt holds it over the writer's post and
// biography (writerbox.go); a headed box closing with a link to read more
// elsewhere (县情简介 … [详细], 更多>>) is a teaser of another page
// (headedbox.go); a <marquee>, a notice scrolling across the page, is
// furniture too. No block holding the page's one <h1>, which says a part
// of <title>, and little else is furniture, whatever its tag or class
// (a mobile template's <aside class="contxt-aside"> over the story).
// Hidden blocks (display:none, aria-hidden="true", hiding
// classes, a block's "hidden" modifier: "page_hidden", a rule of the
// page's own <style> with one class, id or attribute selector that no
// other rule shows again, also inside a media query for wide screens:
// a desktop slideshow's ".slide{display:none}.slide.on{display:block}")
// are furniture, except one holding most of the page's sentences
// (WeChat's #js_content, shown by a script) and the rest of an article
// folded above the control that unfolds it (展开全文, foldedtail.go). When the best block opens with a headline linking elsewhere
// (a related story longer than a short article), the block under the
// page's title is the body; when it lies wholly before the title (a box
// of the column beside a short story: 县情简介), the best block after the
// title is (titlestory.go); when it lies after the title beside a story
// told in pictures or a video under it (图片新闻: two pictures or more
// over their captions; 视频新闻: a player and a short description), the
// story is (picturestory.go), and so is a story told in short lines
// under it, a poem or a list of couplets without a sentence stop, which
// is an article so, four lines or more (linestory.go). Around the chosen block it gathers the lead
// paragraph set apart before it (right before it, also past a box of the
// topics' links over the text in its container, 本文涉及：…, or under the
// title in a block named lead/standfirst), siblings of running text, and fragments
// of one class split between figures and ads; when it lies in one item
// of a list article (items in wrappers of one class, each with its own
// sentences) the items are the body; when it is the value cell of a
// label/value table (a mailbox's 信件内容 and 答复内容), the value cells of
// running text are; and when one of them is marked
// shown ("slide active") that slide alone is; it picks the first of
// repeated posts (blog archives, forum threads; a letter and the reply
// whose header names the answering office, 回复单位, are both the
// body, also in blocks of their own classes, the reply's named as a
// readers' reply is: replyapart.go; of a post unit holding the
// poster's box and the post's header beside a text block repeated in
// every unit, that text block), ends an old BBS post at its signature line (本贴由…于…发表.:
// the board's rules and the replies' titles follow), drops a forum's
// stamp of an edited post opening or closing it (本帖最后由…于…编辑,
// [此贴子已经被作者于…编辑过]: posts.go), drops the cards of
// other stories set into the body (a picture, a headline linking to the
// story, a teaser sentence) and the lines that point to other stories
// ("Read also: <a>…</a>"), trims link lists that open or close the body
// (and stories under a 延伸阅读 heading, each a link over its teaser;
// such a heading and its headlines between the story's paragraphs go,
// the text after them stays;
// a block whose links all lead to documents, a notice's attachments
// under 相关附件：, is the article's)
// and keeps a repeated sentence once; a line of the page's controls,
// linked or as text (【打印】【关闭】, 收藏本文　打印本文　关闭窗口, a
// picture's 点击查看大图, an audio player's 【点击收听】, a self-media
// platform's 举报, a government template's 视力保护色：　字号：大 中 小 or
// its switch to the accessible or phone view, 【无障碍阅读】, 手机看, an
// article's pager as a line, 共2页: 上一页 1 2 下一页, or one saying which
// page this is, 第1页 共3页, 共3页 当前第1页 下一页; a bar of bracketed
// controls that names one we know among words no list holds, 页面功能
// 【我来说两句】【推荐】【字体：大 中 小】【打印】: controlbar.go), a
// line that is only an ad slot's
// label ("Advertisement", "Anzeige", "广告") or a block of a short label
// around a slot named an ad, and a dateline of an alphabetic script
// ("Posted Fri, May 10, 2024 at 2:52 pm", "September 10th, 2005") among
// the body's first or last lines, are dropped; so are a labelled meta
// line ("来源：新华网", "发表于 … (阅读:3727)"), a blog's trackback
// line and its stamp of the post with the post's counts (江城印象 发表于
// 江城博客 留言(3) 人气(1285): postfooter.go) among its last lines (a
// bare date there, a notice's signing date, stays), a box of the post's
// tags (links marked rel="tag"), a view count on a line of its own
// among its last lines, which gives the page's views when no line above
// the text did (阅读次数：1286次, （阅读：211次）: countline.go) — and so
// does a short line of the article's tool bar closing the body or just
// after it (【字体：大 中 小】 浏览次数：211 【打印】【关闭】, (已被阅读178次):
// toolBarCount, toolBarViews) —, and the
// newsroom's sign-off closing it (审核：陈刚, 一审 … 三审 — a chain of
// reviews alone names its first reviewer the editor, the three-review
// rule giving the first review to the responsible editor; a reviewer
// alone, 审核, 审签 or 签发, names none, on the info line as here
// (reviewLabels) —, the clerk who
// entered the text, 文章录入：admin　责任编辑：…,
// 校对, the duty editor's 值班编辑, a slash for the colon, 编辑/刘洋, spaces
// for the colons, 编辑 张磊 校对 杨利 (spacedcredits.go), or in brackets glued to the last paragraph, …有回音。（责任编辑：
// 王强）: credits.go), the heading rows of empty related and comment boxes
// and the comments' disclaimer that a template built of table rows sets
// in the story's table (相关文章, 没有相关文章, 网友评论：, （只显示最新10条。…与本站立场无关！）:
// closingboxes.go), and the site's footer a template sets inside the
// body's container after the text (版权所有, 主办单位, 备案号 …ICP备; a
// government site's names who runs it over its registration and no
// copyright, 主办单位：…　承办单位：… 网站标识码：…: sitenotice.go), the
// page's own address among the last lines (本文链接：http://…:
// pagelink.go), the site's call for contributions closing it (投稿邮箱：…,
// 投稿热线：…, unless the text calls for stories itself: contribcall.go),
// and a statement of its rights or a disclaimer closing
// the text (凡本网注明“来源：…”的所有作品，版权均属于…, 版权声明：…转载请
// 注明出处, 声明：…如有侵权请联系删除, 平台声明：…仅提供信息存储服务, and unlabelled, （本文仅代表作者观点，
// 不代表本网立场）, 本文为…原创作品，未经授权不得转载, and a source line going on
// to state the rights, 本文来源：…。 版权归原作者所有，转载请注明出处: sourcestatement.go);
// a line of the piece's counts closing it (阅读 2.3万, 阅读 2.3万 · 点赞 356,
// 2.3万阅读: countline.go, countsbar.go); a line of credits alone (记者：宋佳
// 通讯员：冯帅) in a block of its own after the title, where the body is a
// wrapper holding the title too (headcredits.go: a byline opening the
// text's own block stays); the lines crediting the pictures alone, wherever
// they stand between the paragraphs (摄影：刘洋, 图片来源：医院宣传科, 记者 钱进 摄:
// picturecredit.go; a caption stays); a WeChat account's prompts to follow or
// share it among its first and last lines (点击上方蓝字关注我们, 分享 收藏
// 点赞 在看, 分享让更多人看到, 下载…应用程序: prompts.go) and the run of
// WeChat's reader closing an article pasted whole from it (预览时标签不可点,
// 继续滑动看下一个 … 分享 留言 收藏 听过: readerchrome.go), a share bar's
// label left bare (分享：), a link closing the body that prompts to read
// on elsewhere, glued to the last paragraph or on a line of its own with
// a few words leading to it (返回搜狐，查看更多, 更多精彩内容，请点击查看原文:
// closingPrompt, closingPromptLine), a gallery's picture counters ("1/4")
// and a media player's clock or loading notice (听新闻 00:00/03:12,
// 视频加载中: playerLine) anywhere are dropped, and so are an end mark
// closing the story ((完), 【完】, ——完——, -END-: endmark.go; the text
// before a glued one stays) and an info line without labels opening it
// (原创 江城日报 2024-04-10 14:22 ·江苏: timestamp.go). A summary box above the content (DedeCMS
// div.intro, PHPCMS div.summary, 摘要/内容提要) that repeats the body's
// start, or a line that does, is dropped.
// The title's line among the body's first three, with nothing but short
// links above it (the column's kicker or trail the story's container
// holds over its title, whatever their classes are called), is dropped,
// and so are those links.
//
// Parse parses a page once; the crawler reads its links from the Document
// and ExtractDocument its fields, then gives the tree's memory to the next
// page (Document.Release; ExtractWith does so for its own). The literals
// the rules look for in the page's source are found in one pass
// (rawLiterals, package literalscan).
//
// Field labels (来源, 责任编辑, 发布时间 …) are read before a colon, or the
// stand-ins for one some fonts and input methods write (︰ ∶ ﹕: 作者︰孙丽),
// in simplified and in traditional characters (來源, 責任編輯, 發佈時間 …), for a value and for
// telling the info line from the body (the headings of related stories,
// 相關新聞, a column's label, 欄目, and a line of the page's controls,
// 【列印】【關閉視窗】, are read through one table of the label characters
// that differ: traditional.go); a value set in an inline element
// of its own ends with that element
// (<span>来源：江城日报</span><span>参与评论</span>), and one set off by a
// space ends where a word and a colon open the next field, whatever its
// word (来源：县融媒体中心　记者：王磊, 词：李春华), or a credit opens it
// (来源：县融媒体中心　文/王丽), and 发布 ends an account's name there
// (微信公众号“江城发布”) unless a label's word follows (发布时间). A bar glued to a label stands for
// its colon (来源｜新华社 作者｜张伟), not in a toolbar (编辑｜删除,
// 分享｜打印｜关闭). A long line of two
// labelled fields or more and no full stop (来源, 作者, 发布时间, 浏览次数,
// 责任编辑 … in one line, up to 200 runes) is an info line, not running
// text, inside the body container too. The source is read on
// the info line (labelled — 来源, and the unit a government story came
// from: 供稿单位, 报送单位 — else an element classed source there:
// <a class="source">新京报</a>, <span class="src">, not the site's own
// name, sourcemark.go; a label written as a verb, 来源于 江城日报; an
// outlet named before the time, a bar between them, 江城日报 |
// 2024年05月20日 11:22, or only a space or the end of its own element,
// 江城日报2024-05-20), then after the body,
// then on the body's closing lines ("来源：县文旅局", "（本文来源：新京报）",
// which the body drops), then the account or outlet an info row of
// fields in elements of their own names beside the time with no label
// (今日头条's 原创 · time · 卧龙融媒, 百家号's, a portal copy's paper; an
// app's channel there, 人民日报客户端贵州频道, also wins over the app that
// a statement after the body names; a common surname's name right before
// the time is the writer: inforow.go), then in the last lines before the title, where
// a government information page (政府信息公开) sets its metadata table
// (发布机构 is read as the source there and wherever it is labelled),
// then in <meta name="ContentSource">, else <meta name="source">
// (a government document's issuing body, 发文机关, is read as the source
// too, after the labels that name one; a last word tagging the copy,
// 人民网-文化频道 原创稿, is no part of a source's name); such
// a table, list or block of label lines opening the body is read so
// too, and is no part of the body. A meta line closing the body that
// names the writer and the editor with the source (来源：河西乡　作者：王红
// 编辑：刘洋) gives all three (closingmeta.go). A repost's lines naming
// where it ran first stay in the body, as the corpora's bodies keep them:
// 原标题：… opening it (a <title> holding that headline is no title: the
// heading is, originaltitle.go) and the print edition closing it,
// 《人民日报》（2024年03月05日 第04版）, whose paper is the source when
// nothing labels one (printedition.go).
//
// Dates follow an evidence order (meta and JSON-LD, labelled and unlabelled
// dates on the info line (a publish label's date before an update
// label's: 更新时间：… 发布时间：…), the body's date and signature lines, labels
// before the body, the URL, labels after it) and refuse its traps. ParseDate
// reads digits (ISO, 2023年3月22日, a weekday before the time as in
// "2023年3月22日 星期三 20:29", 週二 and a bracketed weekday too, a time
// glued to the next field's number, 19:45:02 of "19:45:021楼"; an hour in
// words after a date, 下午三时三十分, 上午九时, 晚8点, 3点半: wordclock.go; a date in
// Chinese numerals, 二〇二四年三月
// 十八日 or 2024年三月十八日, is read as the same date in digits would be:
// numeraldate.go; eight digits, 发布日期：20240305, only right after a
// publish label: compactdate.go; US 9/17/2004) and English month names
// ("March 5, 2024 at 9:15 am", "5 March 2024", a publish label glued to it
// as in "PublishedMay 21, 2024"; a month without its year is not a date).
// Only when nothing else dates a page, a year-less dateline ("Mar. 5",
// "3月5日", "03-05 21:40", 发布时间：03-05) on the info line or opening the
// body takes its year from the URL's month folder of the same month
// (/2024/03/, /2024/0305/), and when the URL gives the day (/2024/0305/,
// /202403/05/), the time of day it shows is read; a year is never
// guessed — with no year anywhere the page is Undated and keeps the day
// (Result.DayWithoutYear) for DatedBy, which takes its time of day when
// the list's date is that day; a two-digit year (发布时间：24-06-12 09:30, 更新时间：24/02/27)
// is read only right after a publish label on the info line or a
// labelled line of the body's edge (shortyear.go). Before that, a time the page's script assigns to a variable
// named for it (var publish_time = "2024-03-18", createTime = '…', a
// data object's "pubtime":"…", an element's data-time="1712020200"
// under a time shown relative to now, 3小时前: a
// WeChat article's empty <em id="publish_time"> is filled so) dates it
// (scriptdate.go), and after it the title of the element that shows a
// time relative to now (<span title="2024-05-20 10:30:12">3 天前</span>);
// where nothing but the URL dates it and the info line's publish label
// has no date after it, the date literal a script right after the label
// passes to a function of the site's (发布时间：<script>showDate("2024-05-10
// 09:12:33")</script>) does. A repeated post is told by a date in digits, since an
// article's sections may name days in their text. Every profile's
// candidates are merged by one rule (mergeDates): the most precise date
// wins — a time of day shown with the article ("时间：2023年03月06日 12:29")
// beats a date-only source of the same day (the URL's tYYYYMMDD_, a
// publishdate meta, a date-only label; a date-only publish meta takes
// the time from a later one of the same day, og:release_date) — and the
// date-only sources are the
// fallback when the page's text gives no date: when they disagree on the
// day, the page's labelled publish line, which readers see, wins over the
// day the CMS filed the document under. A page that is an article in
// every way but shows no date is no article but Undated: the crawler may
// date it from its list page (Result.DatedBy). A topic's landing page
// (专题) — a lead paragraph under its title, then the column's dated
// headlines beside it in the same part of the page — is a list, not
// Undated (topicindex.go).
//
// The title is the heading (or title-classed element) that says a run of
// the <title>'s parts longer than its first, when the first is a brand or
// a series' name before the headline (江城财经观察--标题, 声音|标题_评论_站名:
// titleparts.go), else the element whose text is a title the page declares
// (og:title, the JSON-LD headline, the <title> part without the site name
// — the last part, or the first when the page's heading or og:title says
// the last: "江城发布｜标题"),
// else the heading sharing most with <title> (the <title> part itself
// when the heading only adds a tag in an element of its own: "…<span>原创</span>"),
// else, on a page that
// declares no title, its one <h1>, and on one whose <title> is a single
// part nothing on the page matches (the site's name) or names the page's
// kind (信息详情-某某县妇联, 文章详情) or the column the page's trail ends
// with (工作动态--某某学会 under 首页 - 工作动态) or a link of the page
// names (乡镇动态 - 某某文明网), the line right above the info line, or
// the alt of a picture alone there (a headline set as an image); a part
// ending in 人民政府 names the site, before the article's title too
// (某某县人民政府-标题); when that one part is said only by the page's
// logo (in its header, furniture or a link) and the <meta> declares
// another title (ArticleTitle, og:title) that no element says, the
// <meta>'s title is the title, and when no <meta> does, the line above
// the info line is. A heading broken over two lines (<br>) is one run
// between Han characters, and one that holds the info line after the
// title (<h1>标题<br><span>2024-03-05　来源：…</span></h1>) gives the
// title alone, its info line read with the one after it. The author (author.go,
// byline.go) comes from a label on the info line (作者：, 记者：, a name
// before 发表于, a thread's starter, 楼主：, a reporter's role among the
// fields after the source
// (来源：…　记者　张伟, 融媒体中心记者：张伟), an English edition's "By
// ZHANG WEI in Jiangcheng |", a
// government notice's 发文机关 — its issuing body, read in the
// document's metadata table above the title too; a label alone in a
// table cell takes the next cell for its value), the
// markup (JSON-LD, meta author, itemprop/rel=author, an
// author-classed element near the title: the first line of a box of
// lines, not the account's certification or the poster's stats after
// it, nor a blog theme's Chinese "by", 由 小李), a byline opening or closing the
// body (本报记者 张三, （记者 张三）, 文/张三, 图/文：张三, a line of names under the
// title, a BBS signature, 电（记者王小明） after an agency's dateline, a
// byline opening the first paragraph before its text, 本报记者 张三 通讯员
// 李四　3月18日，…, or 记者张伟、李娜9日从…获悉, the last name cut at the
// day glued to it, which stays in the body; a newspaper's mark before a
// name alone on the first line, ◎张伟; the reporting unit before the
// names closing the text, （河西乡　陈晓）; the credit marks after the
// names, 张伟/文 李娜/图; 报道员 a role as 记者 and 通讯员 are; the
// correspondents labelled beside the reporter on the info line, 记者：张伟
// 通讯员：李娜, read with the reporter; the writer's credit opening
// a line of credits, 文｜张三 编辑｜李四, or standing as a field of the
// info line, …　文/张三　图/李四; a bare mark and a space before the
// names, 文 孙丽, 文 钱进　图 周芳;
// past an editor's note, 【编者按】, opening it) or a label after the body
// (作者：; any writer's label, 文字：李娜　图片：王磊, on the credits line
// right after it), or, for a story told in pictures that names no
// writer, its photographer (摄影：刘洋, 摄像：, 图 刘洋: photocredit.go);
// a unit named the author (作者：县文明办) stays it (and names no
// source); a unit that posted the page (发布者：县文明办) or contributed it
// (（城关镇供稿） closing the text: unitauthor.go) is the source when none
// is named; a value naming a unit and a person (供稿：城关镇 孙丽, 作者：县融媒体中心
// 孙丽) gives the unit to the source and the person to the author
// (unitperson.go); a
// site's name, 本站,
// admin, a number, a web developer's company, a forum post's floor (楼主,
// 沙发) or the editor (责任编辑) is never the author, and a writer's post
// in parentheses after the name (张伟（作者系江城大学教授）), or the unit
// there (张伟（县文明办）), is no part of
// it, nor is a template's default (不详, 暂无, 原创, 转载) or words
// saying how the text was gathered (网络整理, 综合整理, 来自网络), nor the
// outlet before a reporter's role (作者：新华社记者 王明 → 王明). Names under one
// label parted by spaces or marked with their part (作者：张伟 李娜,
// 张伟 李娜/文 王强/图, 文/图：张伟　李娜), their unit before them left out
// (作者：县文化馆 张伟), are the writers' names joined by 、. The editor is
// read without the staff code a portal's CMS writes after the name
// (张晓明 SN123, 王晓易_NE0011). A source or editor that is a CMS's
// default for an empty field (来源：未知, 不详) or a login (编辑：admin)
// names nobody, and a value elsewhere on the page takes its place.
//
// A page is an article only with a title, a body of running text (few
// of its container's links outside the lists the body leaves out) and a
// publish time tied to it; column lists (dated items with headline links,
// however few — a link inside a sentence is none: sentencelink.go — or
// entries written as short <article>s whose headings link elsewhere), the
// fixed pages every CMS ships (联系我们, 关于我们 …) and
// bodies that are cards of label：value lines are not, and a page's upkeep
// stamp (本页更新时间) is no publish time. A titled page that is no
// article for want of text, whose text a script shows from an inert
// holder (a <textarea> of escaped markup, a <script type="text/template">,
// an <iframe srcdoc>: markup of paragraphs and three sentence stops or
// more), is read as the page with that markup in the holder's place
// (heldtext.go).
//
// Multi-page articles (Discuz page=K, TRS _K.shtml, and on CMSs no rule
// knows STEM_K.html when the page's own pager links it with a number or
// 下一页) list their continuation pages in NextPages on page 1; a
// continuation page is marked and never an article of its own, and
// JoinPages appends the pages' bodies. A later page is read with
// ExtractLaterPage, its body where page 1 had its body (BodyPlace: the
// pages share their template), so a last page of a line or two, too short
// for a body to be found on its own, keeps its text (laterpage.go). A column is read from the
// breadcrumb (an element classed as one — shown, writing a separator or
// holding two steps, the innermost so classed; a link so classed is a
// step of the trail, read with the element holding it; steps in elements
// of their own, <li>s or links parted by arrow pictures, are parted so;
// a last step naming the page's kind, 资讯正文, is none — or a block
// labelled 当前位置, 当前路径 or 当前栏目: crumbsteps.go), else the ColumnName or article:section <meta>,
// else a rel="category" link, else a trail above the title that nothing
// names, a link to the front page and arrows (首页 >> 县区动态,
// 首页→图片新闻→标题; the link's text may be the site's name, or 首頁,
// when an arrow follows it: 江城文明网 > 乡镇动态: crumbplain.go).
//
// Pages above MaxPageBytes are refused (ErrTooLarge); every pass over the
// tree is linear, so a hostile page costs time in proportion to its size. Dates are parsed in China time (article.China) and
// keep the precision the page gave (day or minute). A view count follows
// a view label (浏览次数, 阅读, 点击, 热度, 阅览次数, 访问 …; a video page's
// 播放 or 观看次数, its play count), and a value before it ends where such
// a count written as a phrase opens (来源：县图书馆　已有56人阅读). A view count that the
// page loads by script is returned as a Counter for the crawler to fetch and
// pass to ParseCounter — the CMS's script, or on a CMS no rule knows the
// script standing right after a view label (KindLabelled; not one the
// page prints the count right after: that one logs the visit), or the request
// whose callback fills the element after the label, with the value it
// writes there (Counter.Pick, counterfill.go), its URL completed with the
// value the script adds to it — an argument of the page's call of the
// function asking it, as EyouCMS's tag_arcclick(201), or a variable set
// to a literal (counterconcat.go) — or the request of the page's own
// function that a script right after the count's place calls
// (<span id="spn12"></span><script>LoadViewCount(12)</script>), its URL
// built in the function's body from the call's arguments and a global
// the page sets (countercall.go). A count shown on the info line with
// an icon for its label (<i class="fa fa-eye"></i> 1017, icon-liulan) is
// read after the icon when no label gives one, and a counter script after
// such an icon is found as after a label (iconviews.go; an author icon,
// fa-user, stands for 作者： the same way, and a field's icon ends the
// value before it as a line break does); a count the page does not
// show is nil, never 0.
//
// # Where to change what
//
//   - How one CMS's dates (or other fields) are read, or a CMS of its
//     own: package cms, one file per CMS (its doc says which field says
//     what, and which test pages and tests a new CMS needs). cmsrules.go
//     reads those rules the same way for every CMS; labels
//     ("发布时间：") are parsed by labeledDateLabel, date strings by
//     ParseDate (both dates.go). Add the page that shows the case
//     under testdata/ with its expected fields (TestGolden,
//     TestFailureClasses, TestMetaClasses) and run the corpus test. A
//     site's own template needs no code: a profile in config.yaml
//     (ProfileSpec).
//   - A rule of the general extractor: generic.go (dates), body.go (the
//     body container), title.go, author.go and byline.go; a change must
//     keep every corpus at its floor (corpus_test.go) and is compared
//     with the peers by `go -C bench run ./extract`.
//
// The package imports goquery, cascadia, golang.org/x/net/html,
// golang.org/x/text, internal/article and internal/cms only. It never
// fetches anything.
package extract
