package store_test

import (
	"path/filepath"
	"testing"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestRecordsSuite runs the suite of archive.Records on the bbolt store,
// checking the file's consistency at every close.
func TestRecordsSuite(t *testing.T) {
	recordstest.Run(t, func(t *testing.T) recordstest.Opener {
		path := filepath.Join(t.TempDir(), "archive.db")
		return func() (archive.CheckedRecords, error) { return store.Open(path) }
	})
}
