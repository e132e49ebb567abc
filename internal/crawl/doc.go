// Package crawl walks the 文明网 hierarchy with colly: from the seed
// sites it discovers each level's child sites in their homepages' link
// blocks, follows every column list and page of a site (and the URLs its
// sitemaps list), and hands each article page to the extractor and the
// result to a Sink.
//
// Politeness is built in: robots.txt is obeyed for every URL, including
// counter scripts, sitemaps and redirect targets (a robots.txt answering
// 5xx or not at all disallows its host for the run, RFC 9309); each host
// gets at most PerHost requests in flight and a delay between them (a
// longer Crawl-delay wins); only sites of the hierarchy are fetched; a
// view counter read in the run is not asked again for the article's other
// URLs (countmemo.go: many counters count each request as a view), nor
// one that failed (a failure worth retrying is asked again as often as a
// page is, and reported once a counter). When
// more hosts are ready than workers are free, the hosts with the longest
// queues go first, so that a large site is not left to end the crawl alone
// on PerHost of the workers. The
// frontier and the seen-set live on disk (package frontier), so memory
// stays flat however large the crawl grows, and an interrupted crawl
// resumes where it stopped. Where several processes share the frontier
// (package pgstore), each sends requests only to the hosts it holds the
// lease of, checked as each request goes out (fence.go): a process
// stalled past its lease sends nothing more for the requests it had
// taken, which are the host's next holder's.
//
// Every crawl ends, on any site:
//   - URLs are canonicalized as web archives do (canon.go): session ids
//     and tracking parameters dropped, query parameters sorted (a route
//     opening the query, /?search/&keyword=…, kept first), percent
//     escapes in upper case, so one page has one URL; on a host that
//     answers as IIS, paths (and the parameter names of ASP and ASP.NET
//     pages) are folded to lower case, as IIS answers them in any case,
//     and robots.txt is matched in any case there (caseless.go); parameters no list names but whose pages the
//     archive keeps finding to be the page without them (comment-reply
//     links, print flags) are learnt per URL pattern and left out
//     (inert.go);
//   - static scope rules drop pathological URLs (repeated path segments,
//     very deep paths, very long URLs), and a budget per URL pattern stops
//     calendars, archive views, search and sort views and pagers that
//     answer past their end once their pages reveal nothing new
//     (budget.go); the Summary lists what was stopped and what it cost;
//   - failures are retried later in the run, not at once: a host that
//     answers 429 or 5xx is backed off alone, by its Retry-After (capped;
//     a host asking for longer is left for the run) or a doubling backoff;
//     a host whose last hostDownFailures answers all failed is left for
//     the run as down, its queue kept for the next; a page that used its
//     retries while its host answered nothing else waits out the host's
//     outage instead of being given up (outage.go);
//   - hostile answers (stalled or truncated bodies, huge pages,
//     compression bombs, redirect loops, other schemes) cost bounded time
//     and memory and end as typed errors (guard.go); a page labelled
//     gzip or deflate whose bytes are the plain page is taken as sent.
//
// Links are resolved as browsers resolve them (WHATWG URL), the query of
// a link on a page in a legacy charset written in that charset
// (querycharset.go), and every request carries the Referer a browser's
// default policy sends (withReferer).
//
// Links are read from the page's anchors, its data islands (<script
// type="text/xml"> records of HTML, and an XML answer that is such an
// island alone: a platform's data proxy answering a list's pager script),
// its frames and inline frames, the links it writes as script with a
// literal URL (onclick handlers of links and list rows, javascript: hrefs,
// jump menus and page-number menus that put the chosen number into the
// list's URL: scriptnav.go) or by a call of the page's own function
// (goPage(2), showInfo(163): scriptfunc.go), and the URLs list rows and
// 加载更多 buttons keep in data-href, data-url, data-link or data-next for
// the site's script, and the JSON a list's script asks for its rows when
// the page loads (jsonlist.go: the page number in the URL or in a data
// object, xhrcall.go; records naming their URL, or an id the script
// builds the link of, jsonrecords.go; the page count, total or a
// repeated page ending the paging, JSONP read, jsonpaging.go). A
// script's POST for its rows ($.post, type: 'POST') is not sent, for the
// reasons below. No form is submitted but a <select> alone
// in a form sent with GET, read as a menu of the form's URLs
// (formmenu.go): ASP.NET's postback pagers
// (javascript:__doPostBack('AspNetPager1','2'), a POST of the page's form
// with its __VIEWSTATE) included: a POST is no safe request, the frontier
// keeps URLs, not bodies, and the WARC index keys captures by URL, so a
// POST's answer would stand for the list's first page; such a list's
// later articles are reached by their other links (上一篇/下一篇, the
// homepage, other lists, sitemaps). A page that sends the
// browser on by itself (a meta refresh, a location script on a stub) has
// its target queued as the same kind of page (refresh.go), and so have a
// homepage's frames on its host (a frameset homepage's main frame is read
// as the homepage; an inline frame under a member block's heading as a
// page of member sites, all its places members); an article's frames are its widgets and are not read,
// nor is its print view (a link reading 打印本页: the article again). A
// site whose firewall answers a script challenge is reported as
// KindBotChallenge. A site whose homepage redirects to a host no site has
// (by HTTP or by a stub's refresh) has moved: it is crawled there as the same site (moved.go); any other
// redirect off the hierarchy is out of scope. A site that answers under a
// second domain with no redirect, which the top strips of the sites below
// it name (the same name, level and parent as a site the crawl knows), is
// that site by another name: its links are fetched at the known name
// (othernames.go); so is a site its parents link at a new host whose
// top strip ends with its own name at a known site's host (a site that
// moved while its old name, never switched off, still answers), a last
// link that is never read as its parent. A site's mobile edition on a host of its
// own (m.<domain>, wap.<domain>: mobilehost.go) is that site too: its
// pages are fetched as the site's, never counted as a site, so that the
// archive recognises its articles as the desktop pages' and keeps their
// mobile URLs as aliases; a site listed at its mobile edition alone whose
// homepage links the desktop edition is crawled there, as a moved site. An article page that shows no
// date (extract.Result.Undated) is dated by the row of its link on the page
// that linked it (listdate.go), at the time of day the page shows with a
// day but no year when that day is the row's (extract.Result.DayWithoutYear).
//
// A redirect to the site's error page (ASP.NET's
// /Error.aspx?aspxerrorpath=/missing.aspx, a page named 404 or error) is
// the dead link it stands for (KindDeadLink), and is not followed.
//
// A revisit of an archived article whose answer says the article is gone
// (a dead link, the site's not-found page, a redirect to its homepage)
// is handed to Options.Removed at the end of the run, on sites that
// showed themselves healthy in the pass (in the run, or before it as the
// site registry keeps): the record is marked removed at the source
// (removed.go); Summary.Removed counts them. Each pass also sweeps: when a
// site's homepage answers, up to Options.RemovalSweep of its older
// archived articles, asked longest ago first, are asked again under the
// same rule (sweep.go); one found as archived is only marked checked.
//
// With Options.CaptureImages (crawl.capture_images, off by default) the
// images of each article archived are fetched too, for the WARC alone:
// queued as frontier requests of their own kind, so that robots.txt and
// the host's politeness apply and each is fetched once per run, never
// when an earlier run captured it, at most MaxImagesPerArticle per
// article, on the hierarchy's hosts and its sites' own registrable
// domains; Summary.Images counts them (images.go).
//
// With Options.CaptureAttachments (crawl.capture_attachments, off by
// default) the documents each article's pages link (by file type, or a
// CMS's download script: cms.IsDownload) are recorded on it
// (article.Attachments) and fetched the same way, at most
// MaxAttachmentsPerArticle per article and 50 MiB each; Summary.Attachments
// counts them (attachments.go). An attachment answered by a download
// page (a small HTML page linking the file: DedeCMS's open=0, PHPCMS's
// a=init, cms.DownloadPage) leads to the document it offers, one hop,
// which the record lists in its place (downloadpage.go). Both kinds
// share one machinery (capture.go); the guard keeps only the head of a
// capture's body (an attachment's first 64 KiB).
//
// An article reached through a redirect is stored under its target, with
// the linked URL as an alias; the Sink recognises the same article under
// URLs no rule knows (Aliased). Page bodies are decoded exactly once, by
// extract.Decode, which trusts the bytes over a lying charset label.
//
// What a CMS does to URLs is package cms's to say, not this package's: its
// script pagers (TRS createPageHTML, cms.ListPages), its own list page
// forms (DedeCMS list_<typeid>_<n>.html, cms.ListPage) and its second URL
// form of a page (Discuz article-N-K.html, cms.Alias, folded by
// Canonicalize).
//
// # Where to change what
//
//   - a CMS's list pagers, list page forms or alias URLs: its file in
//     package cms (see that package's doc for adding a CMS);
//   - a new backend for the crawl queue and seen-set: implement Frontier
//     (frontier.go says what each method must do, Claim, Release and
//     Fence for backends shared by several processes), run the suite of package
//     crawl/frontiertest from the backend's tests as
//     internal/frontier/suite_test.go (bbolt) and
//     internal/pgstore/frontier_test.go (PostgreSQL) do, open it from a
//     method on archive.Held beside OpenFrontier and OpenSharedFrontier
//     (internal/archive/crawlstate.go), and let internal/pipeline's
//     openCrawlFrontier choose it from the config;
//   - how a page is fetched (limits, redirects, typed errors): guard.go
//     and process.go; which links a page yields: process.go (links) and
//     canon.go; when a URL pattern is given up: budget.go.
//
// The package does not print; callers read Stats while it runs and get a
// Summary at the end. It may import colly, the extract and frontier stages,
// package cms and the article model, never the store or the index.
package crawl
