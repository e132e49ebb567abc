package index

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// dontNeed drops the resident pages of m, a read-only shared file map;
// an error (none is expected: m is a whole map) leaves them resident.
func dontNeed(m []byte) {
	if len(m) > 0 {
		_ = unix.Madvise(m, unix.MADV_DONTNEED)
	}
}

// readBack drops the file at path from the page cache and reads it back
// with readahead off, in readBackChunk reads: the kernel then holds it in
// base pages, not in the large folios one large write leaves (see
// releaseSegments). Errors leave the file as it was: it is only read.
func readBack(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	fd := int(f.Fd())
	if unix.Fadvise(fd, 0, 0, unix.FADV_DONTNEED) != nil || unix.Fadvise(fd, 0, 0, unix.FADV_RANDOM) != nil {
		return
	}
	buf := readBackBufs.Get().(*[]byte)
	defer readBackBufs.Put(buf)
	for off := int64(0); ; off += readBackChunk {
		if n, err := f.ReadAt(*buf, off); n < readBackChunk || err != nil {
			return
		}
	}
}

// readBackChunk is the size of readBack's reads: the kernel's
// fault-around, what a read fault maps of a file in base pages.
const readBackChunk = 64 << 10

var readBackBufs = sync.Pool{New: func() any { b := make([]byte, readBackChunk); return &b }}
