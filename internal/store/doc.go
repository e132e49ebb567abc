// Package store holds the archived article records of wenming: one bbolt
// file keyed by canonical URL, each value the article as last observed, with
// its view-count history merged across observations.
//
// The store is the source of truth of an archive: what it holds has been
// fetched and extracted. The crawl frontier (package frontier) is only a
// work list and may be rebuilt; the store may not.
//
// Layout of the file:
//
//	articles  canonical URL → record (format byte, then the JSON of article.Article, S2-compressed)
//	versions  URL 0x00 fetch time → an earlier content of the record
//	briefs    URL → what a crawl needs to know of the record (JSON)
//	aliases   alias URL → canonical URL of its record
//	titles    site 0x00 hash of the normalised title, then 'b' body hash URL → nothing,
//	          or 'd' day published URL → the body's print (two keys a record: titles.go)
//	meta      "schema" → schema version (one byte)
//
// # One article, one record
//
// The same article is often reachable under several URLs: a CMS's dynamic
// and static address, a mobile mirror. Only one of them holds the record;
// the others are its aliases (article.Article.Aliases and the aliases
// bucket). Get, Brief and Versions answer for an alias as for the record,
// and Put of an alias merges the observation's view history into the
// record instead of making one. Put also recognises an alias by content:
// a new URL whose article has the title and body of a record of the same
// site (see Put for the rule; the titles bucket finds the candidates
// without a scan, and a title shared by thousands of records costs a Put
// little more than any other). Which URL holds the record does not depend
// on which came first: a URL of a preferred form (Preferred: desktop over mobile
// mirror, static over dynamic) put later takes the record over (Put
// reports Moved). AddAlias records an alias known otherwise, e.g. from a
// redirect. Put reads only the records of the title that may be the
// article by their body prints (kept in the titles bucket): records of
// one title grow with the archive (a weekly report, a yearly meeting),
// and reading every one of them made each Put's cost grow with it.
//
// The JSON is the export format of article.Article, compressed with S2
// (format 2): a record's body and body HTML hold the same text twice,
// and a record takes under half the space. Records of format 1 (plain
// JSON, written before) are read as ever; the leading format byte lets
// the encoding change without a migration of old files.
//
// *Store is the embedded implementation of archive.Records, which says
// what the archive's consumers may rely on. Its behaviour as records is
// tested by the suite every implementation runs (package
// internal/archive/recordstest, run in suite_test.go with a Check at every
// close); the other tests here are the bbolt file's own: its lock, an
// empty, truncated or damaged file, Check finding what is wrong, the
// schema's upgrade.
//
// Briefs answers the URLs asked for lately from memory (a bounded cache,
// see briefCache): a crawl asks for every link of every page, most of
// them the same menus and columns again. The cache is kept exact by the
// store's own writes, so a write to the file by anything but the open
// Store (another process cannot: the file is locked) is not seen by it.
//
// Store may import only the standard library, go.etcd.io/bbolt,
// internal/article and internal/boltfile; no other wenming package (its
// tests aside).
//
// # Caveats
//
// Only one process may open an archive at a time: bbolt holds an exclusive
// file lock, and Open fails after about a second with ErrLocked ("archive is
// in use by another wenming process").
//
// The callback of ForEach runs inside a read transaction: it must not call
// Put on the same store (a write that grows the file waits for every read
// transaction to end, which would deadlock).
package store
