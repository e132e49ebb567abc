// Package archive owns an archive directory: where each part of it lives
// (layout.go), what its records must do for those it hands them to
// (records.go: [Records]), how its records and search index are opened
// together and mended when they disagree (indexopen.go, reindex.go) or
// opened as they are for a check (asis.go), the crawl state
// (crawlstate.go), the WARC recorder and the run log it hands to the
// process holding the archive (hold.go, runlog.go), and how other
// processes read an archive while one process holds it (share.go,
// remote.go, view.go).
//
// # Layout
//
//	articles.db       article records (Records; package store)
//	index.bleve/      search index (package index), derived from the records
//	frontier*.db      crawl queue and seen-set of each site group's crawl
//	                  (package frontier; opened, resumed or begun again
//	                  — with the requests of the hosts the last run left
//	                  carried into the new pass —, and set aside when
//	                  damaged, by Held.OpenFrontier)
//	state/            site registry, crawl pass of each group
//	                  (Held.BeginPass), holder.json
//	warc/             WARC files and their CDXJ index (package warc;
//	                  recorded by Held.OpenWARC, read where View.WARCPaths
//	                  says; config warc.dir and warc.read_dirs place them
//	                  elsewhere: WARCDirs)
//	runs.jsonl        the run log, running.json the trace of the run in
//	                  progress, wenming.lock the run lock (package runs;
//	                  written through Held.RunLog, read by Runs)
//
// # The one way in
//
// Every command opens an archive through this package, one of three ways,
// after restic's read, append and exclusive locks:
//
//   - read ([OpenView]: search, export, serve, a URL lookup): from the
//     files when no process holds them, through the holder's share when
//     one does; the WARC files are read from where [View.WARCPaths]
//     says, the run log by [Runs];
//   - append ([OpenAppend]: crawl, import): the run lock (package runs)
//     keeps other writers out, the run is begun in the run log
//     (HoldOptions.Run) before the files open, so that a failure to open
//     them is logged too; the open records and index are shared with
//     readers in other processes by a [Share], which serves them on a
//     loopback port named, with a secret token, in state/holder.json;
//   - exclusive ([AcquireExclusive]: reindex, check --repair): the
//     holder file names the process but shares nothing, and readers are
//     told to come back ([ExclusiveError]); the holder opens what it
//     rewrites ([Held.OpenRecords]). Over records in PostgreSQL it is
//     their run lock that is taken exclusively, turning crawl workers
//     away.
//
// Package check is the one reader of the files as they are: it must see
// what is wrong before anything mends it on open, so it opens them
// through [AsIs] (asis.go), which mends nothing: read-only, or, to
// repair, writable under an exclusive hold.
//
// The holder is handed the rest by [Held]: the crawl state
// ([Held.OpenFrontier], or [Held.OpenSharedFrontier] for a worker sharing
// records in PostgreSQL; [Held.BeginPass]), the WARC recorder
// ([Held.OpenWARC]) and the run log ([Held.Run], [Held.RunLog]; a worker
// sharing records in PostgreSQL logs its run there too). What needs mending
// after a crash is mended as it is opened, here: the index against the
// records (OpenIndex), a damaged frontier set aside (OpenFrontier), a
// torn WARC file cut and its CDXJ index completed (OpenWARC, through
// warc.Open), a killed run logged as such (RunLog's Settle). The
// records point into the WARC files only at bytes on disk (the crawl
// waits for warc.Recorder.Durable before it stores a pointer); pointers
// into what an OS crash or power cut took before that was so are
// cleared by the next crawl, for this worker's own files (package
// pipeline, mendCaptures), or by check --repair. [Held.Close]
// closes in order: the WARC recorder first (the records point into its
// files), the share (which reads from the open files), the index, the
// records, and last the run lock; an exclusive holder withdraws its
// announcement once the files are closed, so that the readers it turned
// away find them free.
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
//   - a new file or folder in the archive: layout.go, and what opens it
//     for the holder a method on Held (hold.go), closed in order by
//     CloseFiles;
//   - how a crawl's state is resumed, begun again (also when only the
//     hosts the last run left hold requests: Pass.LeftHostsOnly) or
//     mended: crawlstate.go;
//   - a new backend for the frontier: the frontier of an archive
//     directory is package frontier's bbolt file, opened by
//     Held.OpenFrontier; the one the workers sharing records in
//     PostgreSQL take hosts from is package pgstore's. A new one
//     implements crawl.Frontier and runs the suite of package
//     crawl/frontiertest on it (as internal/frontier and internal/pgstore
//     do), and is opened by a method on Held in crawlstate.go beside
//     OpenFrontier and OpenSharedFrontier, which the pipeline calls where
//     it picks its frontier (openCrawlFrontier);
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
