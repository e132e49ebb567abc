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
