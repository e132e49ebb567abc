// Package cms is what the archive knows about each content-management
// system of the 文明网 sites, one file per CMS: trs.go (TRS WCM, the
// national, province and city sites), discuz.go (Discuz! X portals),
// empire.go (帝国CMS), dede.go (织梦 DedeCMS), phpcms.go (PHPCMS v9),
// vsb.go (博达 VSB), hanweb.go (大汉 JCMS-style government
// site-cluster platforms) and jeecms.go (JEECMS-style Java portals). A CMS (type CMS) is plain data and a few pure
// functions over URLs and page source:
//
//   - Detect: how its pages are recognised (generator meta, <title>
//     credit, source literals, template markup, meta names, hosts, article
//     URLs);
//   - Fields: the CSS selectors of its template's title, info line, body,
//     editor line and breadcrumb, and when a page of it is (not) an
//     article;
//   - Counter: the script that serves the view count, where the page names
//     it and the form of its answer;
//   - Paging: how a multi-page article names its pages;
//   - PagerScript, ListPages, ListPage: its list pagers, for the crawler;
//   - Alias: a second URL form of its pages, folded into the first;
//   - Credit, URLDay: its name in page titles, the date in its URLs;
//   - Download, DownloadPage: the script serving an article's
//     attachments, and its form that answers a download page linking the
//     file rather than the file (IsDownload, IsDownloadPage), for the
//     crawler's attachments.
//
// Both stages ask it: the extractor (internal/extract) detects the CMS of
// a page and follows its Fields (extract's cmsrules.go reads every field
// the same way for every CMS), finds and parses its counter, and names the
// pages of a multi-page article; the crawler (internal/crawl) expands its
// script pagers, recognises its list pages and canonicalizes its alias
// URLs. The package imports nothing of the module and fetches nothing; the
// sites themselves are simulated in internal/sitesim.
//
// # Where to change what
//
//   - How one CMS's dates are parsed: its Fields in <cms>.go say where
//     the date is — Info.Selector (the info line under the title: a
//     labelled date such as 发布时间：… wins over an unlabelled one),
//     TitleLine, MetaDate (a date-only meta), URLDate and URLDay (the day
//     in the URL). How a date string or label is read is common to every
//     CMS: ParseDate and labeledDateLabel in internal/extract/dates.go, and
//     how the candidates are weighed is mergeDates (published.go). Add
//     the page that shows the case under internal/extract/testdata/<cms>/
//     with its golden .json (a row in goldenCases, extract_test.go;
//     `go test ./internal/extract -run TestGolden -update` writes it,
//     then read it) and run the corpus test (TestCorpus).
//   - A CMS of its own: a file <cms>.go here declaring a *CMS, and a line
//     in All (detection order: before any CMS whose signals its pages
//     also show). Give it the fields its pages show; a field left empty
//     is the generic rule's. Then its test pages: an article and a
//     non-article page (a list, the 联系我们 单页) under
//     internal/extract/testdata/<cms>/ with rows in goldenCases
//     (TestGolden, and TestCMSTestPages fails until every CMS has a
//     golden article page it is detected on); a counter answer in
//     TestParseCounter (counter_test.go) when it has a Counter; a pager
//     test here when it has ListPages or ListPage. A new answer form or
//     a new kind of field rule is the one change outside this file: a
//     case in extract's parseAnswer (counter.go) or applyCMS
//     (cmsrules.go).
//   - A site's own template needs no code: a profile in config.yaml
//     (extract.ProfileSpec).
package cms
