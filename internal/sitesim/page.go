package sitesim

import (
	"io"
	"slices"
	"sync"
	"unsafe"
)

// Page buffers. A page is written into a buffer taken from a pool and
// goes out (write) before the buffer is put back (resp.release), so that
// serving a page allocates no page-sized memory: the simulation runs on
// the machine of the crawler it measures, and its garbage collector's
// work is taken from the crawler's. The pool holds at most the buffers
// of the pages being written at once (sync.Pool drops idle ones at each
// collection); buffers above maxPooledPage are left to the collector.

// maxPooledPage is the largest buffer put back into the pool.
const maxPooledPage = 1 << 20

var pageBufs = sync.Pool{New: func() any { return new(pageBuf) }}

// pageBuf is a page being written, with room for size bytes.
type pageBuf struct{ b []byte }

func newPageBuf(size int) *pageBuf {
	p := pageBufs.Get().(*pageBuf)
	p.b = slices.Grow(p.b[:0], size)
	return p
}

func (p *pageBuf) WriteString(s string) (int, error) {
	p.b = append(p.b, s...)
	return len(s), nil
}

func (p *pageBuf) Write(b []byte) (int, error) {
	p.b = append(p.b, b...)
	return len(b), nil
}

func (p *pageBuf) WriteByte(c byte) error {
	p.b = append(p.b, c)
	return nil
}

// String is the page written so far. It shares the buffer: it is valid
// until release, and nothing may keep it beyond.
func (p *pageBuf) String() string { return unsafe.String(unsafe.SliceData(p.b), len(p.b)) }

// release puts the buffer back into the pool.
func (p *pageBuf) release() {
	if cap(p.b) <= maxPooledPage {
		p.b = p.b[:0]
		pageBufs.Put(p)
	}
}

// pageWriter is what the templates write into: a pageBuf or a
// strings.Builder.
type pageWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}
