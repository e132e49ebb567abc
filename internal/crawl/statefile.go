package crawl

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wenming-archive/wenming/internal/atomicfile"
)

// What a crawl learnt of the sites and keeps for the runs after it —
// inert query parameters (inert.go), URL patterns stopped as traps
// (trapmemory.go), directories served only by their index page
// (dirindex.go) — lives in files of the crawl state directory, one a
// kind, each written whole or not at all (package atomicfile: a killed
// run leaves the old file or the new one) and read once as a run starts.
// A missing file (an archive older than the file, a first run) is no
// error; a damaged one is named in the error and taken as absent: what it
// held is learnt again, and nothing archived depends on it.

// errStateDamaged marks a state file that could not be decoded.
var errStateDamaged = errors.New("damaged crawl state file")

// loadState decodes the JSON file name of the state directory dir into v.
// It reports false, with no error, when dir is "" or the file does not
// exist; an error wrapping errStateDamaged names a file that is no JSON of
// v's type.
func loadState(dir, name string, v any) (bool, error) {
	if dir == "" {
		return false, nil
	}
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("%w %s (%v)", errStateDamaged, path, err)
	}
	return true, nil
}

// saveState writes v as JSON to the file name of the state directory dir,
// whole or not at all; nothing when dir is "".
func saveState(dir, name string, v any) error {
	if dir == "" {
		return nil
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", name, err)
	}
	err = atomicfile.Write(filepath.Join(dir, name), func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	return nil
}
