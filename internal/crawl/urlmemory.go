package crawl

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// urlMemory keeps what runs learnt of single URLs — a directory served
// only by its index page (dirindex.go), a site without a sitemap
// (sitemap.go) — in a file of the crawl state (statefile.go), each note
// for keep after it was learnt, at most max of them (the most recently
// learnt). Using a note does not renew it: after keep the URL is asked as
// the first time and learnt again. It is safe for concurrent use.
type urlMemory struct {
	file string
	what string // what the notes are, for messages
	keep time.Duration
	max  int

	mu    sync.Mutex
	byURL map[string]urlNote
}

type urlNote struct {
	note   string
	learnt time.Time
}

// savedURLNote is a note as the crawl state keeps it.
type savedURLNote struct {
	URL    string    `json:"url"`
	Note   string    `json:"note"`
	Learnt time.Time `json:"learnt"`
}

func newURLMemory(file, what string, keep time.Duration, max int) *urlMemory {
	return &urlMemory{file: file, what: what, keep: keep, max: max, byURL: map[string]urlNote{}}
}

// load reads the notes earlier runs learnt within keep of now from dir's
// crawl state. A missing file is no error; a damaged one is taken as
// absent and said in the error.
func (m *urlMemory) load(dir string, now time.Time) error {
	var saved []savedURLNote
	if _, err := loadState(dir, m.file, &saved); err != nil {
		return fmt.Errorf("%s: %w: they are learnt again", m.what, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range saved {
		if s.URL != "" && s.Note != "" && now.Sub(s.Learnt) <= m.keep && !s.Learnt.After(now.Add(time.Hour)) {
			m.byURL[s.URL] = urlNote{note: s.Note, learnt: s.Learnt}
		}
	}
	return nil
}

// save writes the notes into dir's crawl state, the most recently learnt
// first and at most max.
func (m *urlMemory) save(dir string) error {
	if dir == "" {
		return nil
	}
	m.mu.Lock()
	saved := make([]savedURLNote, 0, len(m.byURL))
	for u, n := range m.byURL {
		saved = append(saved, savedURLNote{URL: u, Note: n.note, Learnt: n.learnt})
	}
	m.mu.Unlock()
	sort.Slice(saved, func(i, j int) bool {
		if !saved[i].Learnt.Equal(saved[j].Learnt) {
			return saved[i].Learnt.After(saved[j].Learnt)
		}
		return saved[i].URL < saved[j].URL
	})
	if len(saved) > m.max {
		saved = saved[:m.max]
	}
	if err := saveState(dir, m.file, saved); err != nil {
		return fmt.Errorf("%s: %w", m.what, err)
	}
	return nil
}

// note returns what was learnt of u, "" if nothing.
func (m *urlMemory) note(u string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.byURL[u].note
}

// learn notes what u showed now; the same note learnt before keeps its
// time.
func (m *urlMemory) learn(u, note string, now time.Time) {
	m.mu.Lock()
	if n, ok := m.byURL[u]; !ok || n.note != note {
		m.byURL[u] = urlNote{note: note, learnt: now}
	}
	m.mu.Unlock()
}

func (m *urlMemory) forget(u string) {
	m.mu.Lock()
	delete(m.byURL, u)
	m.mu.Unlock()
}
