//go:build unix

package pipeline

import "syscall"

// available is the space this user may still write on the filesystem of
// path (statfs(2): blocks available to unprivileged users).
func available(path string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
