package crawl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// The site registry's file. A crawl of the whole network knows ~3,200
// sites, and every homepage it reads may add sites or name one better; a
// registry written whole after each would cost the crawl time growing
// with the square of the sites. So the file is a snapshot, sites.json (a
// JSON array of the entries, as it always was), and beside it a journal,
// sites.json.journal: one entry a line, appended by each save for the
// entries that changed since the last. Reading applies the journal's lines
// to the snapshot in order. A save that would make the journal longer
// than the registry has sites writes a new snapshot instead (the changes
// are appended first, so a stop between the snapshot and the journal's
// removal replays them onto the snapshot to the same result) and removes
// the journal: a save costs the entries that changed, plus a whole
// snapshot every len(registry) changes, and the end of a run leaves the
// snapshot alone. Appends are not synced (as the frontier's commits are
// not): a crash of wenming loses nothing, a power cut may tear the last
// line, which reading skips, and the next save then writes a snapshot.

// journalState is what the registry knows of its journal.
type journalState struct {
	lines   int  // entries in the journal
	rewrite bool // the next save writes a snapshot (the journal has a torn line)
}

func (s *sites) journalPath() string { return s.path + ".journal" }

// readFile reads the snapshot and applies the journal.
func (s *sites) readFile() error {
	data, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("read site registry: %w", err)
	default:
		var list []*siteEntry
		if err := json.Unmarshal(data, &list); err != nil {
			return fmt.Errorf("site registry %s is damaged (delete it to rediscover the sites): %w", s.path, err)
		}
		for _, e := range list {
			s.byHost[e.Site.Host] = e
		}
	}
	journal, err := os.ReadFile(s.journalPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read site registry journal: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(journal))
	sc.Buffer(nil, len(journal)+1)
	for sc.Scan() {
		var e siteEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Site.Host == "" {
			s.journal.rewrite = true // torn by a power cut
			continue
		}
		s.byHost[e.Site.Host] = &e
		s.journal.lines++
	}
	return nil
}

// finish writes the registry's snapshot, leaving no journal: the end of a
// run. A shared registry is saved, then read whole for the run's summary.
func (s *sites) finish() error {
	if s.shared != nil {
		if err := s.save(); err != nil {
			return err
		}
		// Read the registry whole: the run's summary counts the sites
		// every process found and read, not this one's view of them.
		return s.load()
	}
	if s.path == "" {
		return s.save()
	}
	return s.saveFile(true)
}

// saveFile appends the changed entries to the journal, or writes a new
// snapshot when the journal would outgrow the registry (or when all is
// set: the end of a run).
func (s *sites) saveFile(all bool) error {
	s.saving.Lock()
	defer s.saving.Unlock()
	s.mu.Lock()
	var changed bytes.Buffer
	for host := range s.dirty {
		v, err := json.Marshal(s.byHost[host])
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("encode site registry: %w", err)
		}
		changed.Write(v)
		changed.WriteByte('\n')
	}
	n := len(s.dirty)
	snapshot := s.journal.rewrite || s.journal.lines+n >= len(s.byHost) || (all && s.journal.lines+n > 0)
	var list []*siteEntry
	if snapshot {
		list = make([]*siteEntry, 0, len(s.byHost))
		for _, e := range s.byHost {
			cp := *e
			list = append(list, &cp)
		}
	}
	clear(s.dirty)
	s.mu.Unlock()
	if n > 0 {
		data := changed.Bytes()
		if s.journal.rewrite {
			data = append([]byte{'\n'}, data...) // past the torn line
		}
		if err := appendFile(s.journalPath(), data); err != nil {
			return fmt.Errorf("save site registry: %w", err)
		}
		s.journal.lines += n
	}
	if !snapshot {
		return nil
	}
	if err := writeSnapshot(s.path, list); err != nil {
		return err
	}
	if err := os.Remove(s.journalPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("save site registry: %w", err)
	}
	s.journal = journalState{}
	return nil
}

// appendFile appends data to the file at path, creating it.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeSnapshot writes the entries, parents' levels first, atomically to
// path (temporary file, sync, rename).
func writeSnapshot(path string, list []*siteEntry) error {
	sort.Slice(list, func(i, j int) bool {
		di, dj := list[i].Site.Level.Depth(), list[j].Site.Level.Depth()
		if di != dj {
			return di < dj
		}
		return list[i].Site.Host < list[j].Site.Host
	})
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return fmt.Errorf("encode site registry: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sites-*.json")
	if err != nil {
		return fmt.Errorf("save site registry: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("save site registry: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("save site registry: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save site registry: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save site registry: %w", err)
	}
	return nil
}
