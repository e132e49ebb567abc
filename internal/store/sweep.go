package store

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// A removal sweep asks the sites again about archived articles no revisit
// would ask about, those asked longest ago first (Unchecked); one found
// still served as archived is marked checked (MarkChecked), which moves
// its brief's Asked on and leaves its content, fetch time and versions
// alone: a check is not a fetch, and nothing is indexed again for it.

// SweepQuery is what a removal sweep asks of the records of one host.
type SweepQuery struct {
	// Host is the host of the records' URLs (http and https alike),
	// with its port where the URLs have one.
	Host string
	// AskedBefore leaves out the records asked at or after it (Brief.Asked):
	// those the pass fetched or checked already.
	AskedBefore time.Time
	// PublishedSince, when set, leaves out the records published at or
	// after it: the young articles the crawl revisits anyway.
	PublishedSince time.Time
	// Limit is how many URLs at most; 0 or less asks for none.
	Limit int
}

// Due reports whether a record of brief b is one q asks for (its host
// aside): asked before AskedBefore, and not published since
// PublishedSince.
func (q SweepQuery) Due(b Brief) bool {
	if !b.Asked().Before(q.AskedBefore) {
		return false
	}
	return q.PublishedSince.IsZero() || b.Published.IsZero() || b.Published.Before(q.PublishedSince)
}

// Prefixes are the URL prefixes of q's host: http and https.
func (q SweepQuery) Prefixes() []string {
	h := strings.ToLower(q.Host)
	return []string{"http://" + h + "/", "https://" + h + "/"}
}

// SweepCandidate is a record a sweep may ask about: its URL and when it
// was last asked.
type SweepCandidate struct {
	URL   string
	Asked time.Time
}

// SweepPick keeps the Limit candidates asked longest ago (ties by URL) of
// those it is offered: what both record stores answer Unchecked with,
// bounded in memory by the limit whatever the host's size.
type SweepPick struct {
	limit int
	kept  []SweepCandidate // sorted, oldest first
}

// NewSweepPick returns a pick of up to limit candidates.
func NewSweepPick(limit int) *SweepPick { return &SweepPick{limit: max(limit, 0)} }

// Offer considers c.
func (p *SweepPick) Offer(c SweepCandidate) {
	if p.limit == 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(p.kept, c, compareCandidates)
	if i >= p.limit {
		return
	}
	if len(p.kept) == p.limit {
		p.kept = p.kept[:len(p.kept)-1]
	}
	p.kept = slices.Insert(p.kept, i, c)
}

// URLs returns the URLs kept, asked longest ago first.
func (p *SweepPick) URLs() []string {
	out := make([]string, len(p.kept))
	for i, c := range p.kept {
		out[i] = c.URL
	}
	return out
}

func compareCandidates(x, y SweepCandidate) int {
	if c := x.Asked.Compare(y.Asked); c != 0 {
		return c
	}
	return cmp.Compare(x.URL, y.URL)
}

// MarkCheck is the rule of both record stores for a check of rec at at:
// it moves CheckedAt on to at when at is later than both the fetch and
// the last check, and reports whether rec changed.
func MarkCheck(rec *article.Article, at time.Time) bool {
	if !at.After(rec.FetchedAt) || !at.After(rec.CheckedAt) {
		return false
	}
	rec.CheckedAt = at
	return true
}

// MarkChecked records that the crawl found the article url names (its
// record, or a record url is an alias of) still served at at, as
// archived: see MarkCheck. Only the record's CheckedAt and brief change.
// It fails with ErrNotFound when url names no record.
func (s *Store) MarkChecked(url string, at time.Time) (bool, error) {
	changed, err := s.mark(url, true, func(rec *article.Article) bool { return MarkCheck(rec, at) })
	if err != nil {
		return false, fmt.Errorf("mark %s checked: %w", url, err)
	}
	return changed, nil
}

// Unchecked returns the URLs of the records q asks for, asked longest ago
// first. It reads the briefs of q's host alone (its URLs are neighbours
// in the briefs bucket), or its records in a store without every brief.
func (s *Store) Unchecked(q SweepQuery) ([]string, error) {
	if q.Limit <= 0 {
		return nil, nil
	}
	pick := NewSweepPick(q.Limit)
	err := s.view(func(tx *bolt.Tx) error {
		r := briefReaderOf(tx)
		for _, prefix := range q.Prefixes() {
			b := r.briefs
			if !r.complete {
				b = r.articles
			}
			if b == nil {
				continue
			}
			c := b.Cursor()
			p := []byte(prefix)
			for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
				var br Brief
				if r.complete {
					var err error
					if br, err = decodeBrief(v); err != nil {
						return fmt.Errorf("read the brief of %s: %w: %w", k, err, ErrCorrupt)
					}
				} else {
					a, err := decode(v)
					if err != nil {
						return fmt.Errorf("record %s: %w", k, err)
					}
					br = BriefOf(a)
				}
				if q.Due(br) {
					pick.Offer(SweepCandidate{URL: string(k), Asked: br.Asked()})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("articles of %s to check: %w", q.Host, err)
	}
	return pick.URLs(), nil
}
