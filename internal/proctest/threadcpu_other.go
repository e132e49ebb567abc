//go:build !linux

package proctest

import "time"

// threadCPU is 0 where a thread's CPU time is not read: Growth then
// measures wall time.
func threadCPU() time.Duration { return 0 }
