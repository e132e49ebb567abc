//go:build windows

package pipeline

import "golang.org/x/sys/windows"

// available is the space this user may still write on the volume of path
// (GetDiskFreeSpaceEx: bytes available to the caller, quotas counted).
func available(path string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	var free, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree); err != nil {
		return 0, err
	}
	return free, nil
}
