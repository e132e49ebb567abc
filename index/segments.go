package index

import zapx "github.com/blevesearch/zapx/v17"

// zapx, the segment format bleve writes, sizes the buffer of a new
// segment from the last one its pooled builder made: the bytes per
// document of that segment times (this batch's documents + 100). After a
// batch of one long article (a segment of megabytes) the next batch
// reserved a quarter of a gigabyte at once, or not, as the pool happened
// to keep the builder across a garbage collection: reindexing three
// 7.5 MB articles peaked at 150 MB in some runs and 500–700 MB in
// others. Without the estimate the buffer grows as the segment is
// written, to at most twice its size.
func init() { zapx.NewSegmentBufferNumResultsFactor = 0 }

// Segment files and the memory their maps hold. A file's pages sit in
// the kernel's page cache in folios as large as the writes that put them
// there (a file written a megabyte at a time lies in megabyte folios),
// and a read fault in a map of the file maps the whole folio, whatever
// madvise says (MADV_RANDOM stops readahead and fault-around, not that).
// Each batch looks its documents' IDs up in every segment, a few small
// reads each, and zapx's merges wrote their segments through a 1 MB
// buffer: every merged segment was resident by megabytes for those reads
// (3-4 MB each of a dozen at the 100,000-article indexing's peak,
// bench/ixprobe -segments). Written through a 64 KB buffer, a read maps
// 64 KB, what the kernel's fault-around maps of small folios anyway.
func init() { zapx.DefaultFileMergerBufferSize = 64 << 10 }
