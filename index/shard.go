package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// A sharded index splits its documents by the year they were published,
// each year an index of its own (a shard) in a folder of the index's
// directory, and searches them together through a bleve IndexAlias: the
// shards are searched in parallel and their hits, facets and cursors
// merged, so that a search is answered as by one index. It grows by a
// shard a year, which may live on another disk (a shard's folder may be a
// symbolic link). The one difference a user may see: relevance is scored
// within each shard (the rarity of a word is counted per shard), so the
// order of hits sorted by relevance may differ a little from an
// unsharded index's; the hits, their number, the facets and the order of
// every other sort do not.
//
// Layout: shards.json says how the index is split and in which format;
// the shard of a year is y2023/, documents without a date are in none/,
// which also keeps the marks (Writer.SetMark).

// ShardByYear splits an index by the year of publication (China time).
const ShardByYear = "year"

const (
	shardFile = "shards.json"
	noneShard = "none"
)

// shardMeta is shards.json.
type shardMeta struct {
	By      string `json:"by"`
	Version string `json:"version"`
}

// shardSet is the shards of a sharded index.
type shardSet struct {
	dir      string
	readOnly bool
	cfg      map[string]interface{}
	wait     time.Duration // for the lock of a shard another process has open

	mu     sync.Mutex // guards shards, and adding one
	shards map[string]bleve.Index
	alias  bleve.IndexAlias
}

// shardName is the shard of a document published at t.
func shardName(t time.Time) string {
	if t.IsZero() {
		return noneShard
	}
	return "y" + strconv.Itoa(t.In(ChinaTime).Year())
}

// isSharded reports whether path holds a sharded index.
func isSharded(path string) bool {
	_, err := os.Stat(filepath.Join(path, shardFile))
	return err == nil
}

// Sharded reports whether the index is split into shards, and how
// (ShardByYear); "" for one index.
func (ix *Index) Sharded() string {
	if ix.shards == nil {
		return ""
	}
	return ShardByYear
}

// OpenSharded opens the sharded index at path, or creates one split by
// by (ShardByYear) if path does not exist or is an empty directory. An
// unsharded index at path is not one: ErrNotIndex.
func OpenSharded(path, by string) (_ *Index, err error) {
	defer recoverDamaged(path, &err)
	if by != ShardByYear {
		return nil, fmt.Errorf("open index %s: cannot shard by %q (want %q)", path, by, ShardByYear)
	}
	ix, err := openSharded(path, false, true, openTimeout)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return ix, nil
}

// openSharded opens the shards of the index at path, creating the index
// when create is set and path is missing or empty. A shard another
// process has open is waited for up to wait (read-only: openTimeout).
func openSharded(path string, readOnly, create bool, wait time.Duration) (*Index, error) {
	cfg := scorchConfig(wait)
	if readOnly {
		cfg = readOnlyConfig()
	}
	s := &shardSet{dir: path, readOnly: readOnly, cfg: cfg, wait: wait, shards: map[string]bleve.Index{}}
	b, err := os.ReadFile(filepath.Join(path, shardFile))
	switch {
	case errors.Is(err, os.ErrNotExist) && create:
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, err
		}
		if empty, err := isEmptyDir(path); err != nil || !empty {
			return nil, fmt.Errorf("%w: directory holds an unsharded index or other files", ErrNotIndex)
		}
		if _, err := s.shard(noneShard); err != nil {
			return nil, err
		}
		meta, _ := json.Marshal(shardMeta{By: ShardByYear, Version: formatVersion})
		if err := os.WriteFile(filepath.Join(path, shardFile), meta, 0o644); err != nil {
			s.close()
			return nil, err
		}
	case err != nil:
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: no %s", ErrNotIndex, shardFile)
		}
		return nil, err
	default:
		var meta shardMeta
		if err := json.Unmarshal(b, &meta); err != nil || meta.By != ShardByYear {
			return nil, fmt.Errorf("%w: unreadable %s", ErrNotIndex, shardFile)
		}
		if meta.Version != formatVersion {
			return nil, fmt.Errorf("%w: index has version %s, this program writes %s; rebuild the index", ErrVersion, meta.Version, formatVersion)
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if name != noneShard && !(strings.HasPrefix(name, "y") && len(name) > 1) {
				continue
			}
			if _, err := s.open(name); err != nil {
				s.close()
				return nil, fmt.Errorf("shard %s: %w", name, err)
			}
		}
		if s.shards[noneShard] == nil {
			s.close()
			return nil, fmt.Errorf("%w: the shard %s/ is missing", ErrNotIndex, noneShard)
		}
	}
	list := make([]bleve.Index, 0, len(s.shards))
	for _, name := range slices.Sorted(maps.Keys(s.shards)) {
		list = append(list, s.shards[name])
	}
	s.alias = bleve.NewIndexAlias(list...)
	ix := &Index{path: path, b: s.alias, shards: s, readOnly: readOnly,
		queryAnalyzer: s.shards[noneShard].Mapping().AnalyzerNamed(queryAnalyzerName)}
	return ix, nil
}

// open opens the existing shard name.
func (s *shardSet) open(name string) (bleve.Index, error) {
	p := filepath.Join(s.dir, name)
	if err := checkBeforeOpen(p); err != nil {
		return nil, err
	}
	b, err := bleve.OpenUsing(p, s.cfg)
	if err != nil {
		return nil, lockedErr(err, s.wait)
	}
	if err := checkVersion(b); err != nil {
		return nil, err
	}
	b.SetName(name)
	s.shards[name] = b
	return b, nil
}

// shard returns the shard name, creating it (and adding it to the alias)
// when it does not exist yet.
func (s *shardSet) shard(name string) (bleve.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.shards[name]; b != nil {
		return b, nil
	}
	if s.readOnly {
		return nil, ErrReadOnly
	}
	ix, err := create(filepath.Join(s.dir, name), s.cfg)
	if err != nil {
		return nil, fmt.Errorf("create shard %s: %w", name, err)
	}
	ix.b.SetName(name)
	s.shards[name] = ix.b
	if s.alias != nil {
		s.alias.Add(ix.b)
	}
	return ix.b, nil
}

// list returns the shards by name.
func (s *shardSet) list() map[string]bleve.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]bleve.Index, len(s.shards))
	for k, v := range s.shards {
		out[k] = v
	}
	return out
}

// close closes every shard, leaving each at rest (see leaveAtRest).
func (s *shardSet) close() error {
	var errs []error
	for name, b := range s.list() {
		if err := b.Close(); err != nil {
			errs = append(errs, fmt.Errorf("shard %s: %w", name, err))
			continue
		}
		if !s.readOnly {
			if err := leaveAtRest(filepath.Join(s.dir, name)); err != nil {
				errs = append(errs, fmt.Errorf("shard %s: %w", name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// meta is the shard that keeps the marks.
func (s *shardSet) meta() bleve.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shards[noneShard]
}
