//go:build unix

package proctest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time, user and system, that the process has used,
// all threads (the garbage collector's included); 0 where it cannot be
// read.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
