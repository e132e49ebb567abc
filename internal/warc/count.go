package warc

import (
	"io"
	"sync/atomic"
)

// Counter counts the bytes read from R, or written to W, through it: the
// offset reached in a WARC file read, the length of a file written, how
// far an input has been read. N may be read while another goroutine reads
// or writes.
type Counter struct {
	R io.Reader
	W io.Writer
	n atomic.Int64
}

// Read reads from R and counts what it read.
func (c *Counter) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Write writes to W and counts what it wrote.
func (c *Counter) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// N is the count of bytes read or written so far.
func (c *Counter) N() int64 { return c.n.Load() }
