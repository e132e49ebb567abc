package archive

import "path/filepath"

// Files and folders inside the archive directory.
const (
	ArticlesFile = "articles.db" // article records (package store)
	FrontierFile = "frontier.db" // crawl queue and seen-set (package frontier)
	IndexDir     = "index.bleve" // search index (package index)
	StateDir     = "state"       // crawl state: site registry, pass, run marker
)

// Paths of an archive directory.
func ArticlesPath(data string) string { return filepath.Join(data, ArticlesFile) }
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
