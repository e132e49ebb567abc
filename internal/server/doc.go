// Package server is wenming's web reader: a JSON API and server-rendered
// HTML pages in Chinese over the search index and the article archive.
//
// [New] returns an http.Handler with these routes:
//
//	GET /                      home page: search box, the archive's shape, the crawl
//	GET /search?q=&sort=&after=&page=  results: facets, highlighted hits, pages
//	GET /search?q=&since=&until=  the date form: redirects to since:/until: in q
//	GET /articles/{id}         one article: lineage, body, view-count chart
//	GET /replay/{id}           the capture in a sandboxed frame under a banner
//	GET /replay/{id}/raw       the capture rewritten (package replay), sandboxed
//	GET /capture/{id}          the raw WARC record, one gzip member
//	GET /static/…              embedded CSS
//	GET /api/search?q=&sort=&size=&after=&facets=
//	GET /api/articles/{id}     the article's export record (all fields)
//	GET /api/stats             counts by level, province and year; newest dates
//
// q is the query language of [index.ParseQuery]; sort is relevance,
// published, -published, views or -views; after is the opaque cursor the
// previous page returned as next (search-after paging, correct at any
// depth; the page's previous-page links page by offset, to page 500); an article id is the canonical URL in unpadded base64url
// ([ArticleID]). The id of an alias URL (another URL of the same article,
// see package store) answers for the article: the API returns its record,
// whose id and url are the canonical ones, and the page redirects to the
// canonical id.
//
// The pages need no JavaScript and fit a phone screen. Everything from the
// archive is escaped by html/template; the only markup passed through is the
// index's snippets and highlighted titles, which package index escapes
// itself. Every message is Chinese; API errors are JSON objects
// {"error": "…", "message": "…"} (English, Chinese) with a 4xx or 5xx
// status.
//
// [NewHTTPServer] puts a handler in an http.Server with bounds on header
// reading, idle keep-alive connections and header size; wenming serve,
// schedule --serve and sim all use it.
//
// The server only reads: it never writes to the index or the archive.
// It imports index, store (for its not-found error), export (the record
// format), article, replay (the captures), metrics (the live crawl) and
// runs (the run log).
package server
