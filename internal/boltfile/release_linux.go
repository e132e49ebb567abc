package boltfile

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// dontNeed tells the kernel that the process no longer needs the pages
// of the shared file mapping at addr, size bytes long, resident.
func dontNeed(addr, size uintptr) error {
	if _, _, errno := unix.Syscall(unix.SYS_MADVISE, addr, size, unix.MADV_DONTNEED); errno != 0 {
		return fmt.Errorf("madvise %d bytes of a bbolt map: %w", size, errno)
	}
	return nil
}
