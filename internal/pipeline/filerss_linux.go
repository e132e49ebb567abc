package pipeline

import (
	"bytes"
	"os"
	"strconv"
)

// fileResident is the process's resident memory backed by files, in
// bytes: its maps of files (bbolt's, the index segments') and its own
// executable, as /proc/self/statm's third field counts them (RssFile and
// RssShmem). The kernel keeps the count as it goes, so a look costs a
// read of a short file; ok is false when it cannot be read.
func fileResident() (n int64, ok bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
