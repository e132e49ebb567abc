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
// Deep paging uses cursors, not offsets: [Results].Next goes into the next
// Query's After (search-after on the hit's decoded sort values, the exact
// score, and the ID as tie-breaker), so every page costs the same and a walk
// through all pages returns each match once. Sorting by date or views reads
// dedicated sort fields in which an unknown value is a sentinel that sorts
// last, because bleve cannot page past a missing value.
//
// # Analysis
//
// Title and body are indexed with one custom analyzer:
//
//	width fold (x/text/width) and traditional → simplified, one character
//	for one (OpenCC's character table) → unicode words + punctuation/space tokens →
//	cjk_width → lowercase → cjk_bigram{output_unigram: true}
//
// so every ideograph is indexed as a unigram and as the first half of a
// bigram at the same position, and punctuation and white space keep a
// position of their own. Each query term is a phrase query analyzed the same
// way, keeping only the bigram where a position has both: a phrase of
// adjacent pairs, never an OR of bigrams, and a lone unigram for a
// one-character term.
//
// Snippets are built by [Snippet], not by bleve's highlighter, which marks
// repeated matches only partly and splits unigram matches.
//
// This package is public and imports no wenming package; it depends only on
// bleve (and its bbolt, for one error value) and golang.org/x/text. The
// table of traditional characters is data taken from OpenCC
// (t2s_table.go); only the test that checks it imports OpenCC.
//
// # Caveats
//
//   - Size: unigrams next to bigrams, punctuation tokens, term vectors and the
//     stored bodies (needed for snippets) make the index about ten times the
//     raw text (10.5× for 3,000 synthetic articles; bigrams alone measured
//     4.4×), and indexing slower than bigrams only (≈1,500–1,900 docs/s here).
//   - One writer: the index lives in one directory and only one process may
//     open it at a time; Open waits two seconds for the lock, then returns
//     [ErrLocked]. Within a process one *Index is safe for concurrent use;
//     open it once and share it.
//   - One-character queries of common characters (的, 国) match most documents
//     and are the slowest queries.
//   - Put is not atomic across batches of a few hundred documents.
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
