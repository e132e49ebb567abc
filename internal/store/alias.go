package store

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// Recognition of one article under two URLs by its content.
const (
	// minBodyRunes is the shortest body (in characters, whitespace left
	// out) that content recognition trusts: shorter ones are stubs, alike
	// across unrelated pages.
	minBodyRunes = 20
	// shingleRunes is the length of the character shingles compared.
	shingleRunes = 5
	// minSimilarity is the Jaccard similarity of the shingle sets above
	// which two bodies under the same title are the same article told by
	// another template (a mobile page that drops a line, say).
	minSimilarity = 0.9
)

// normTitle is a title with its whitespace trimmed and runs of it made one space.
func normTitle(s string) string { return strings.Join(strings.Fields(s), " ") }

// normBody is a body's text without any whitespace: templates differ in
// how they break and indent paragraphs, not in the characters they show.
func normBody(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// titleKey is the key of the titles bucket for a: its site, 0x00, then the
// first 16 bytes of the SHA-256 of its normalised title; nil for an
// article without site or title, which content recognition leaves alone.
func titleKey(a *article.Article) []byte {
	t := normTitle(a.Title)
	if a.Site == "" || t == "" {
		return nil
	}
	h := sha256.Sum256([]byte(t))
	k := make([]byte, 0, len(a.Site)+17)
	k = append(k, a.Site...)
	k = append(k, 0)
	return append(k, h[:16]...)
}

// resolve returns the URL of the record url names: url itself when it is
// a record, its canonical URL when it is an alias, "" otherwise.
func resolve(tx *bolt.Tx, url string) string {
	if tx.Bucket(bucketArticles).Get([]byte(url)) != nil {
		return url
	}
	if c := tx.Bucket(bucketAliases).Get([]byte(url)); c != nil {
		return string(c)
	}
	return ""
}

// load decodes the record stored under url, or returns an error wrapping
// ErrNotFound.
func load(tx *bolt.Tx, url string) (*article.Article, error) {
	v := tx.Bucket(bucketArticles).Get([]byte(url))
	if v == nil {
		return nil, ErrNotFound
	}
	a, err := decode(v)
	if err != nil {
		return nil, fmt.Errorf("stored record %s: %w", url, err)
	}
	return a, nil
}

// recognise returns the URL of the record that holds a under another URL,
// or "" (see Recognise): the candidates are the records of a's title
// whose prints say they may be its article (titleCandidates).
func recognise(tx *bolt.Tx, a *article.Article) (string, error) {
	k := titleKey(a)
	if k == nil || !contentKnown(a) {
		return "", nil
	}
	var candidates []*article.Article
	for _, u := range titleCandidates(tx, a, k) {
		old, err := load(tx, u)
		if err != nil {
			return "", err
		}
		candidates = append(candidates, old)
	}
	return Recognise(a, candidates), nil
}

// contentKnown reports whether a may be recognised by its content at
// all: it has a site, a title and a body of minBodyRunes or more. It is
// asked of every record Put, so it neither hashes the title (titleKey is
// nil exactly when the site is empty or the title all whitespace) nor
// copies the body: it counts the body's characters but whitespace up to
// minBodyRunes.
func contentKnown(a *article.Article) bool {
	return a.Site != "" && strings.TrimSpace(a.Title) != "" && hasBodyRunes(a.Body, minBodyRunes)
}

// hasBodyRunes reports whether s holds at least n characters other than
// whitespace: utf8.RuneCountInString(normBody(s)) >= n, without the copy.
func hasBodyRunes(s string, n int) bool {
	if n <= 0 {
		return true
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			if n--; n == 0 {
				return true
			}
		}
	}
	return false
}

// Recognise returns the URL of the candidate record that holds a under
// another URL, or "": the first, in the order given, of the same site
// with the same normalised title whose body is the same text, else the
// one most alike among those published the same day (when both dates are
// known) whose body is at least minSimilarity alike. Bodies shorter than
// minBodyRunes are never recognised. Put recognises with it, given the
// records of a's title key (TitleKey) in URL order; other implementations
// of the records do the same.
func Recognise(a *article.Article, candidates []*article.Article) string {
	if len(candidates) == 0 || !contentKnown(a) {
		return ""
	}
	body := normBody(a.Body)
	var (
		best    string
		bestSim float64
		mine    map[uint64]struct{}
	)
	for _, old := range candidates {
		if old.URL == a.URL || old.Site != a.Site || normTitle(old.Title) != normTitle(a.Title) {
			continue // itself, or a hash collision
		}
		ob := normBody(old.Body)
		if ob == body {
			return old.URL
		}
		if !sameDay(old, a) || !similarLength(ob, body) {
			continue
		}
		if mine == nil {
			mine = shingles(body)
		}
		if sim := jaccard(mine, shingles(ob)); sim >= minSimilarity && sim > bestSim {
			best, bestSim = old.URL, sim
		}
	}
	return best
}

// sameArticle reports whether b is the article of a told under another
// URL: by the rule of recognise, or with every content field the same.
func sameArticle(a, b *article.Article) bool {
	x := *b
	x.URL, x.Aliases = a.URL, a.Aliases
	if sameContent(a, &x) {
		return true
	}
	if titleKey(a) == nil || a.Site != b.Site || normTitle(a.Title) != normTitle(b.Title) {
		return false
	}
	ba, bb := normBody(a.Body), normBody(b.Body)
	if utf8.RuneCountInString(ba) < minBodyRunes || utf8.RuneCountInString(bb) < minBodyRunes {
		return false
	}
	if ba == bb {
		return true
	}
	return sameDay(a, b) && similarLength(ba, bb) && jaccard(shingles(ba), shingles(bb)) >= minSimilarity
}

// sameDay reports whether a and b were published on the same day in China
// time, or either has no date: a report that recurs under one title each
// week is not one article.
func sameDay(a, b *article.Article) bool {
	if a.Published.IsZero() || b.Published.IsZero() {
		return true
	}
	y1, m1, d1 := a.Published.In(article.China).Date()
	y2, m2, d2 := b.Published.In(article.China).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// similarLength reports whether two texts are close enough in length to
// reach minSimilarity at all (the Jaccard similarity of two sets is at
// most the ratio of their sizes).
func similarLength(a, b string) bool {
	return similarCounts(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
}

// similarCounts is similarLength for bodies of la and lb characters.
func similarCounts(la, lb int) bool {
	return float64(min(la, lb)) >= minSimilarity*float64(max(la, lb))-shingleRunes
}

// shingles returns the hashes of every run of shingleRunes characters of s
// (s itself when it is shorter).
func shingles(s string) map[uint64]struct{} {
	rs := []rune(s)
	out := make(map[uint64]struct{}, len(rs))
	h := fnv.New64a()
	for i := 0; i == 0 || i+shingleRunes <= len(rs); i++ {
		h.Reset()
		h.Write([]byte(string(rs[i:min(i+shingleRunes, len(rs))])))
		out[h.Sum64()] = struct{}{}
	}
	return out
}

// jaccard is |a ∩ b| / |a ∪ b|.
func jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for k := range a {
		if _, ok := b[k]; ok {
			common++
		}
	}
	union := len(a) + len(b) - common
	if union == 0 {
		return 1
	}
	return float64(common) / float64(union)
}

// addAliases is AddAliases in the bbolt file.
func addAliases(tx *bolt.Tx, w *writes, canon string, have, add []string) ([]string, error) {
	arts, ab := tx.Bucket(bucketArticles), tx.Bucket(bucketAliases)
	owner := func(u string) (string, error) {
		if arts.Get([]byte(u)) != nil {
			return u, nil // a record of its own
		}
		return string(ab.Get([]byte(u))), nil
	}
	register := func(u string) error {
		w.note([]byte(u))
		return ab.Put([]byte(u), []byte(canon))
	}
	return AddAliases(canon, have, add, owner, register)
}

// observeAlias merges the observation a, made under an alias of the record
// canon, into that record: its view history, and any aliases a brings.
// The record's other fields stay as they are.
func observeAlias(tx *bolt.Tx, w *writes, canon string, a *article.Article) error {
	old, err := load(tx, canon)
	if err != nil {
		return err
	}
	rec := *old
	rec.ViewHistory = mergeViews(old.ViewHistory, incomingViews(a))
	SetViewsFromHistory(&rec)
	if rec.Aliases, err = addAliases(tx, w, canon, old.Aliases, append([]string{a.URL}, a.Aliases...)); err != nil {
		return err
	}
	return writeRecord(tx, &rec)
}

// writeRecord stores rec under its URL unless the same bytes are there.
func writeRecord(tx *bolt.Tx, rec *article.Article) error {
	val, err := encode(rec)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketArticles)
	if bytes.Equal(val, b.Get([]byte(rec.URL))) {
		return nil
	}
	return b.Put([]byte(rec.URL), val)
}

// Resolve returns the URL of the record that url names: url itself when
// an article is stored under it, the canonical URL when url is one of its
// aliases. ok is false when url is neither.
func (s *Store) Resolve(url string) (canonical string, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		canonical = resolve(tx, url)
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("resolve %s: %w", url, err)
	}
	return canonical, canonical != "", nil
}

// AddAlias records that aliasURL is another URL of the article stored
// under canonicalURL (itself possibly an alias), e.g. because one
// redirects to the other or a CMS rule says they are the same page. Both
// should be canonical URLs. Later Puts, Gets, Briefs and Versions of
// aliasURL then concern that record.
//
// Adding an alias twice changes nothing. AddAlias fails with an error
// wrapping ErrNotFound when canonicalURL names no record, and with
// ErrConflict when aliasURL is already an alias of another record, or a
// record of its own with other content. A record of its own with the same
// content (by the rule Put recognises aliases with, or every field alike)
// is merged into the canonical record: its view history, aliases and
// earlier versions move there and it is no longer a record (a search
// index that held it should delete its document, ID aliasURL).
func (s *Store) AddAlias(canonicalURL, aliasURL string) error {
	if canonicalURL == "" || aliasURL == "" {
		return fmt.Errorf("add alias %q of %q: empty URL", aliasURL, canonicalURL)
	}
	var w writes
	err := s.update(func(tx *bolt.Tx) error {
		canon := resolve(tx, canonicalURL)
		if canon == "" {
			return fmt.Errorf("%s: %w", canonicalURL, ErrNotFound)
		}
		if aliasURL == canon {
			return nil
		}
		if c := tx.Bucket(bucketAliases).Get([]byte(aliasURL)); c != nil {
			if string(c) == canon {
				return nil
			}
			return fmt.Errorf("%s is already an alias of %s: %w", aliasURL, c, ErrConflict)
		}
		rec, err := load(tx, canon)
		if err != nil {
			return err
		}
		if tx.Bucket(bucketArticles).Get([]byte(aliasURL)) != nil {
			other, err := load(tx, aliasURL)
			if err != nil {
				return err
			}
			if !sameArticle(rec, other) {
				return fmt.Errorf("%s is archived with other content: %w", aliasURL, ErrConflict)
			}
			return merge(tx, &w, rec, other)
		}
		if rec.Aliases, err = addAliases(tx, &w, canon, rec.Aliases, []string{aliasURL}); err != nil {
			return err
		}
		return writeRecord(tx, rec)
	})
	s.cache.forget(w.taken())
	if err != nil {
		return fmt.Errorf("add alias %s of %s: %w", aliasURL, canonicalURL, err)
	}
	return nil
}

// merge folds the record other into rec, other's URL and aliases becoming
// aliases of rec, its view history and versions rec's.
func merge(tx *bolt.Tx, w *writes, rec, other *article.Article) error {
	if err := unlist(tx, w, other, rec.URL); err != nil {
		return err
	}
	rec.ViewHistory = mergeViews(rec.ViewHistory, other.ViewHistory)
	SetViewsFromHistory(rec)
	var err error
	if rec.Aliases, err = addAliases(tx, w, rec.URL, rec.Aliases, append([]string{other.URL}, other.Aliases...)); err != nil {
		return err
	}
	return writeRecord(tx, rec)
}

// unlist takes the record other out of the file for the record to to
// fold it in: its record, brief and title entry go, its aliases are
// registered to nobody (the caller adds them, and other's URL, to the
// record to), and its versions become to's.
func unlist(tx *bolt.Tx, w *writes, other *article.Article, to string) error {
	if err := tx.Bucket(bucketArticles).Delete([]byte(other.URL)); err != nil {
		return err
	}
	if b := tx.Bucket(bucketBriefs); b != nil {
		w.note([]byte(other.URL))
		if err := b.Delete([]byte(other.URL)); err != nil {
			return err
		}
	}
	if err := unlistTitle(tx, other); err != nil {
		return err
	}
	ab := tx.Bucket(bucketAliases)
	for _, u := range other.Aliases {
		w.note([]byte(u))
		if err := ab.Delete([]byte(u)); err != nil {
			return err
		}
	}
	return moveVersions(tx, other.URL, to)
}

// moveVersions keys the earlier versions of from under to, leaving out a
// version at an instant to already has one.
func moveVersions(tx *bolt.Tx, from, to string) error {
	b := tx.Bucket(bucketVersions)
	if b == nil {
		return nil
	}
	prefix := append([]byte(from), 0)
	var keys, vals [][]byte
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		keys = append(keys, slices.Clone(k))
		vals = append(vals, slices.Clone(v))
	}
	for i, k := range keys {
		nk := append(append([]byte(to), 0), k[len(prefix):]...)
		if b.Get(nk) == nil {
			if err := b.Put(nk, vals[i]); err != nil {
				return err
			}
		}
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
