//go:build !linux

package pipeline_test

import "os"

// peakRSSOf is 0: the peak RSS of a process is read on Linux only.
func peakRSSOf(*os.ProcessState) uint64 { return 0 }

// minorFaults is 0: the page faults of a process are counted on Linux
// only.
func minorFaults() int64 { return 0 }
