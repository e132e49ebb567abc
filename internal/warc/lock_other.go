//go:build !unix

package warc

// lockDir is a no-op where flock(2) is unavailable.
func lockDir(dir string) (func() error, error) { return func() error { return nil }, nil }
