//go:build !linux

package pipeline

// fileResidence cannot tell where there is no /proc/self/statm: the maps
// are then released by the clock alone (see releaseMaps).
type fileResidence struct{}

func openFileResidence() *fileResidence { return &fileResidence{} }

func (*fileResidence) read() (n int64, ok bool) { return 0, false }

func (*fileResidence) close() {}
