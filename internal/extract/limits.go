package extract

import "errors"

// Limits that keep extraction bounded on hostile or broken pages.
const (
	// MaxPageBytes is the largest page Extract accepts.
	MaxPageBytes = 8 << 20
	// maxDepth is the deepest element the recursive walks descend to; the
	// HTML parser itself nests no deeper than 512.
	maxDepth = 600
)

// ErrTooLarge is returned by Extract for a page above MaxPageBytes.
var ErrTooLarge = errors.New("page too large to extract")
