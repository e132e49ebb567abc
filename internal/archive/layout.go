package archive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Files and folders inside the archive directory.
const (
	ArticlesFile = "articles.db" // article records (package store)
	FrontierFile = "frontier.db" // crawl queue and seen-set (package frontier)
	IndexDir     = "index.bleve" // search index (package index)
	StateDir     = "state"       // crawl state: site registry, pass; holder.json
	WARCDir      = "warc"        // WARC files and their CDXJ index, unless config warc.dir says otherwise (package warc)
)

// Paths of an archive directory.
func ArticlesPath(data string) string { return filepath.Join(data, ArticlesFile) }

// MissingError is the error of a command that needs an archive where
// there is none.
type MissingError struct{ Data string }

func (e *MissingError) Error() string {
	return fmt.Sprintf("no archive in %s: run \"wenming crawl\" first", e.Data)
}

// Missing is a *MissingError when the archive directory data holds no
// records and no PostgreSQL database (dsn) keeps them; nil otherwise.
func Missing(data, dsn string) error {
	if dsn != "" {
		return nil
	}
	if _, err := os.Stat(ArticlesPath(data)); errors.Is(err, os.ErrNotExist) {
		return &MissingError{Data: data}
	}
	return nil
}
func FrontierPath(data string) string { return filepath.Join(data, FrontierFile) }

// GroupFrontierPath is the crawl state of a site group's runs.
func GroupFrontierPath(data, group string) string {
	if group == "" {
		return FrontierPath(data)
	}
	return filepath.Join(data, "frontier-"+group+".db")
}
func IndexPath(data string) string { return filepath.Join(data, IndexDir) }

// StatePath is the archive's state directory.
func StatePath(data string) string { return filepath.Join(data, StateDir) }

// WARCDirs say where an archive's WARC files are (config warc.dir and
// warc.read_dirs). Relative paths are inside the archive directory.
type WARCDirs struct {
	// Dir is where a crawl of the archive records; "" is WARCDir.
	Dir string
	// Read are more directories where the archive's readers look for
	// the captures its records name: those of the other workers sharing
	// its records in PostgreSQL, each of which records into its own.
	Read []string
}

// WritePath is the WARC directory a crawl of the archive in data records
// into, and where its captures are looked for first.
func (w WARCDirs) WritePath(data string) string {
	if w.Dir == "" {
		return filepath.Join(data, WARCDir)
	}
	return inArchive(data, w.Dir)
}

// Paths are the WARC directories where the captures of the archive in
// data are looked for: WritePath, then those of Read.
func (w WARCDirs) Paths(data string) []string {
	out := []string{w.WritePath(data)}
	for _, d := range w.Read {
		out = append(out, inArchive(data, d))
	}
	return out
}

// inArchive is dir, relative to the archive directory data unless
// absolute.
func inArchive(data, dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(data, dir)
}
