//go:build !unix

package store

import "os"

// unlock is a no-op where bbolt locks otherwise than with flock.
func unlock(*os.File) {}
