// Package archive owns an archive directory: where each part of it lives
// (layout.go), how its records and search index are opened together and
// mended when they disagree (indexopen.go, reindex.go), and how other
// processes read an archive while one process holds it (share.go,
// remote.go, view.go).
//
// # Layout
//
//	articles.db       article records (package store)
//	index.bleve/      search index (package index), derived from the records
//	frontier*.db      crawl queue and seen-set of each crawl (package frontier)
//	state/            site registry, crawl pass, run marker, holder.json
//	warc/             WARC files and their CDXJ index (package warc)
//	runs.jsonl        the run log (package runs)
//
// # Who holds an archive
//
// A process that writes an archive (a crawl, a scheduler) holds it: the
// records take an exclusive lock, and only one writer runs at a time
// (package runs). It shares what it holds with the readers of other
// processes (search, export, serve): [Share] serves its open records and
// index on a loopback address named, with a secret token, in
// state/holder.json. A reader opens the archive with [OpenView], which
// reads the files itself when nobody holds them and asks the holder
// otherwise; a long-lived reader ([View.Follow], used by serve) switches
// between the two as writers come and go, and lets go of the files when a
// writer announces itself, so that a nightly crawl can start under a
// running web server.
package archive
