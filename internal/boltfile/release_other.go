//go:build !linux

package boltfile

// dontNeed does nothing where it is not implemented (see Release).
func dontNeed(addr, size uintptr) error { return nil }
