// Package archive owns an archive directory: where each part of it lives
// (layout.go), what its records must do for those it hands them to
// (records.go: [Records]), how its records and search index are opened
// together and mended when they disagree (indexopen.go, reindex.go), and
// how other processes read an archive while one process holds it
// (share.go, remote.go, view.go).
//
// # Layout
//
//	articles.db       article records (Records; package store)
//	index.bleve/      search index (package index), derived from the records
//	frontier*.db      crawl queue and seen-set of each site group's crawl
//	                  (package frontier; opened, resumed or begun again,
//	                  and set aside when damaged, by Held.OpenFrontier)
//	state/            site registry, crawl pass of each group
//	                  (Held.BeginPass), run marker, holder.json
//	warc/             WARC files and their CDXJ index (package warc; the
//	                  directory is config warc.dir, WARC.WriteDir)
//	runs.jsonl        the run log (package runs)
//
// # Who holds an archive
//
// Every command opens an archive one of three ways, after restic's read,
// append and exclusive locks:
//
//   - read ([OpenView]: search, export, serve, a URL lookup): from the
//     files when no process holds them, through the holder's share when
//     one does;
//   - append ([Acquire], then [Held.Open]: crawl, import): the run lock
//     (package runs) keeps other writers out; the open records and index
//     are shared with readers in other processes by a [Share], which
//     serves them on a loopback port named, with a secret token, in
//     state/holder.json;
//   - exclusive ([Acquire], then [Held.Exclusive]: reindex, check
//     --repair): the holder file names the process but shares nothing, and
//     readers are told to come back ([ExclusiveError]).
//
// A holder announces itself before it opens the files and waits up to a
// minute for readers to let go of them ([WaitForReaders]). A long-lived
// reader ([View.Follow]: serve, schedule --serve) lets go within a second
// of the announcement, reads through the share while the holder runs, and
// opens the files again when it is gone; a read that comes while the
// archive changes hands waits for it. So the nightly crawl runs under a
// web server that never stops.
//
// # Where to change what
//
//   - a new file or folder in the archive: layout.go;
//   - how a crawl's state is resumed, begun again or mended:
//     crawlstate.go;
//   - a new backend for the records: implement [Records] (records.go
//     says what each method must do) and run the suite of package
//     recordstest on it, as internal/store/suite_test.go does for bbolt;
//     a new need of the records' consumers: a method on Records, its
//     contract there and its tests in recordstest;
//   - how the index is checked and mended against the records:
//     indexopen.go (OpenIndex), reindex.go (what a record puts in the
//     index: Document);
//   - a new read that other processes need during a crawl: a route in
//     share.go, its client in remote.go, the method on View in view.go and
//     a case in view_test.go's suite, which runs on both readers.
package archive
