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
