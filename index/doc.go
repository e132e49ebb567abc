// Package index is wenming's full-text search index: a bleve v2 (scorch)
// index on disk with analysis that makes Chinese queries exact.
//
// Documents go in with [Index.Put] and come out of [Index.Search]. Every term
// of a query must occur as exact text in the title or the body: 税 finds
// 增值税, 国务院 does not find 国务，院, and ２０２２年 finds 2022年. Numbers
// and Latin words match as exact text as well, inside longer ones (2022
// finds 20221125), upper and lower case alike.
// Filters (site lineage, level, column, year, published range) and sorting by
// relevance, date or views work with or without query text.
//
// # Queries
//
// [ParseQuery] reads the search box language — words, "phrases", -excluded,
// OR, title:, site:, column:, level:, year:, since:, until: — into a [Query];
// its errors are [*QueryError]s with a position. [FieldTerm] writes a filter
// back in that language. A Query with Facets > 0 counts the province, city,
// county, column, year and level of all matches ([Results].Facets).
//
// Results.Total is exact, except for a query with a phrase (three
// characters or more) ranked by relevance without facets: its matches are
// counted exactly up to [CountCap], and beyond it Total is CountCap with
// [Results].TotalIsLowerBound set ("more than 10000"), as Elasticsearch
// counts. The hits and pages stay exact: candidates are scored without
// their positions (a phrase's score does not depend on them), which bounds
// their true scores, and only those whose bound reaches the page are
// checked.
//
// Deep paging uses cursors, not offsets: [Results].Next goes into the next
// Query's After (search-after on the hit's decoded sort values, the exact
// score, and the ID as tie-breaker), so every page costs the same and a walk
// through all pages returns each match once. Sorting by date or views reads
// dedicated sort fields in which an unknown value is a sentinel that sorts
// last, because bleve cannot page past a missing value.
//
// # Analysis
//
// Title and body are each indexed twice, by two analyzers that share one
// chain:
//
//	width fold (x/text/width) and traditional → simplified, one character
//	for one (OpenCC's character table) → runs of letters, digits and marks,
//	split by character class, + punctuation/space tokens → cjk_width →
//	lowercase → the characters and pairs of each run
//
// The title and body fields, with positions, hold the bigram at every
// position of a run but its last, the unigrams of the run's two ends, and
// every punctuation mark and run of white space, each at a position of its
// own; title_uni and body_uni, without positions, hold the unigram of every
// character. Each query term is a phrase query analyzed the same way,
// keeping the fewest bigrams that cover it: a phrase of adjacent pairs,
// never an OR of bigrams. A one-character term is a term query on the
// unigram fields, and a query's unigrams inside a phrase are of characters
// alone between punctuation or white space, which start or end a run in
// any text that holds the phrase (runs end by character class alone, not
// by context as UAX #29 words do), so the index has them at their
// positions and matching stays exact. Byte offsets are not stored (all 0).
//
// Snippets are built by [Snippet], not by bleve's highlighter, which marks
// repeated matches only partly and splits unigram matches. The index does
// not keep bodies: a search gets those of its page's hits from the caller
// ([Index.SetBodies]), who keeps them anyway (wenming's records do).
//
// This package is public and imports no wenming package; it depends only on
// bleve (and its bbolt, for one error value, and roaring, whose bitmaps
// the phrase searcher intersects) and golang.org/x/text. The
// table of traditional characters is data taken from OpenCC
// (t2s_table.go); only the test that checks it imports OpenCC.
//
// # Caveats
//
//   - Size: bigrams with positions, unigrams without and punctuation
//     tokens make the index about five times the raw text (4.8× for 20,000
//     synthetic articles; 4.9× for 20,000 and 4.5× for 100,000 before
//     index format 8, which indexed fifteen coarser terms of every
//     published date for bleve's range queries; 5.7× and 5.2× before
//     format 7, which stored the bodies, and 8.2× and 7.7× before format
//     6, which kept every unigram with its position and byte offsets).
//   - Snippets need the caller's bodies ([Bodies]): without them hits
//     have none.
//   - One writer: the index lives in one directory and only one process may
//     open it at a time; Open waits two seconds for the lock, then returns
//     [ErrLocked]. Within a process one *Index is safe for concurrent use;
//     open it once and share it.
//   - One-character queries of common characters (的, 国) match most documents:
//     every match is counted and has its postings read, so they cost time
//     in proportion to the index (see searchTermPair), about 2 ms of CPU
//     for 100,000 documents.
//   - Put is not atomic across batches of a few hundred documents.
//   - Sorting by date or views keeps the field's values in memory, 8 bytes
//     per document of each segment searched so sorted (see sortCache),
//     read once per segment; the first such search after a merge reads
//     the new segment's. So does a published range (since:, until:): it
//     is checked against the dates of each segment, held the same way
//     (read from the date field's terms of full precision, which cost a
//     term lookup per distinct date), not searched through bleve's
//     range query; the filters' terms are intersected as bitmaps of
//     documents (see filterQuery).
//   - Facets count names: two county sites with the same name (新华区文明网
//     exists under several cities) share one facet value, and site:NAME
//     finds both; site:HOST is exact.
//   - Cursors are valid for the query and sort that made them; between pages
//     the index may change (a crawl running), and a document updated in
//     between can then be seen twice or not at all.
//   - The analysis components are registered with bleve under wenming_* names
//     when this package is linked; other programs cannot open the index.
//     A change to the mapping bumps the stored format version and Open then
//     returns [ErrVersion]: rebuild the index from the archive.
//   - Latin text is matched as exact text, by its characters and pairs as
//     Chinese is, without stemming; fuzzy and prefix queries are not offered
//     (they are useless on bigrams).
//   - Ranking is bleve's tf-idf over the exact matches, a title match
//     weighing three times a body match; there is no dictionary word
//     segmentation. TestKnownItemRanking (3,000 sitesim articles, queries
//     from 300 titles no other article has) measures how well it finds the
//     article a query came from: the whole title MRR 1.00 (success@1 1.00);
//     2–4 title words, reordered or with words dropped, MRR 0.65 (S@1 0.56,
//     S@10 0.85); a phrase of 2–3 title words MRR 0.45 (S@1 0.33, S@10 0.69).
//     That is at the ceiling of any signal that looks at which words a title
//     has (0.65 and 0.43 if the articles whose titles contain every query
//     term were ordered at random): the misses are the many near-identical
//     titles of templated news. Dictionary segmentation
//     (github.com/go-ego/gse v0.80.3) of title and body, as an extra SHOULD
//     clause beside the unchanged exact query, raised MRR by 0.007–0.009 for
//     boosts 1–10, no more than the same clause made of this package's
//     bigrams (+0.009), and would add 33 MB to the binary and 2 s of
//     dictionary loading; it is not used. knownitem_gse_test.go (build tag
//     gse, the only importer of gse) repeats that measurement.
package index
