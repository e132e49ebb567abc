package pipeline_test

import (
	"os"
	"syscall"
)

// peakRSSOf is the peak RSS of an ended process in bytes.
func peakRSSOf(ps *os.ProcessState) uint64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return uint64(ru.Maxrss) << 10 // kB on Linux
	}
	return 0
}

// minorFaults is the number of page faults the process has taken that
// read nothing from the disk: a page mapped again from the page cache,
// a fresh page of anonymous memory.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Minflt
}
