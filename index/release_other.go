//go:build !linux

package index

// dontNeed does nothing where it is not implemented.
func dontNeed(m []byte) {}

// readBack does nothing where it is not implemented.
func readBack(path string) {}
