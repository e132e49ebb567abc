package index

import "golang.org/x/sys/unix"

// dontNeed drops the resident pages of m, a read-only shared file map;
// an error (none is expected: m is a whole map) leaves them resident.
func dontNeed(m []byte) {
	if len(m) > 0 {
		_ = unix.Madvise(m, unix.MADV_DONTNEED)
	}
}
