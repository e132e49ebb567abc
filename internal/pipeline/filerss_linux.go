package pipeline

import (
	"bytes"
	"os"
	"strconv"
)

// fileResidence reads the process's resident memory backed by files: its
// maps of files (bbolt's, the index segments') and its own executable,
// as /proc/self/statm's third field counts them (RssFile and RssShmem).
// The kernel keeps the count as it goes; the file is opened once and read
// again from its start at each look (some microseconds; opening it each
// time took twenty times as long).
type fileResidence struct {
	f   *os.File // nil when /proc/self/statm could not be opened
	buf [256]byte
}

// openFileResidence opens /proc/self/statm; where it cannot, read says
// it cannot tell.
func openFileResidence() *fileResidence {
	f, err := os.Open("/proc/self/statm")
	if err != nil {
		return &fileResidence{}
	}
	return &fileResidence{f: f}
}

// read returns the file-backed resident memory in bytes; ok is false when
// it cannot be read.
func (r *fileResidence) read() (n int64, ok bool) {
	if r.f == nil {
		return 0, false
	}
	got, err := r.f.ReadAt(r.buf[:], 0)
	if got == 0 && err != nil {
		return 0, false
	}
	f := bytes.Fields(r.buf[:got])
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// close closes the file.
func (r *fileResidence) close() {
	if r.f != nil {
		r.f.Close()
	}
}
