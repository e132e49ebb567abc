package warc

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wenming-archive/wenming/internal/filelock"
)

// lockDir takes an exclusive advisory lock on dir (released by the returned
// function or when the process dies, kill -9 included).
func lockDir(dir string) (func() error, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("archive: lock %s: %w", path, err)
	}
	if err := filelock.Lock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("archive: lock %s: %w (%v)", path, ErrLocked, err)
	}
	return f.Close, nil
}
