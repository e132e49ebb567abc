package store

import (
	"fmt"
	"slices"

	"github.com/wenming-archive/wenming/internal/article"
)

// The rules of the records, apart from where they are kept: Put and
// AddAlias follow them here, and every other implementation of the
// records (package pgstore) follows the same ones through these.

// MergeViews returns the union of two view histories, sorted by time
// (then count), exact duplicates removed, in a new slice.
func MergeViews(old, add []article.ViewCount) []article.ViewCount { return mergeViews(old, add) }

// IncomingViews returns the view points an observation brings: its view
// history, or the point (FetchedAt, Views), sorted, in a new slice.
func IncomingViews(a *article.Article) []article.ViewCount { return incomingViews(a) }

// SameContent reports whether a and b differ only in what is not content:
// fetch time, view counts, validators, capture and aliases.
func SameContent(a, b *article.Article) bool { return sameContent(a, b) }

// SameArticle reports whether b is the article of a told under another
// URL: by Recognise's rule, or with every content field alike. AddAlias
// merges such a record into the other.
func SameArticle(a, b *article.Article) bool { return sameArticle(a, b) }

// TitleKey is the key records are grouped under for recognition: the site
// and a hash of the normalised title; nil for an article without either,
// which is never recognised.
func TitleKey(a *article.Article) []byte { return titleKey(a) }

// Encode is the stored form of a record: a format byte, then its JSON.
func Encode(a *article.Article) ([]byte, error) { return encode(a) }

// Decode reads a record stored by Encode; an error wraps ErrCorrupt.
func Decode(v []byte) (*article.Article, error) { return decode(v) }

// Recognisable reports whether Put may recognise a by its content at all
// (see Recognise): it has a site, a title and a body long enough.
func Recognisable(a *article.Article) bool { return contentKnown(a) }

// BodyPrint is what Recognise compares of a's body before the body
// itself: the 64-bit FNV-1a hash and the length in characters of its text
// without whitespace, and its day of publication in China time
// (year*10000 + month*100 + day; 0 for none). A record whose print has
// neither the article's hash nor its day (or no day on either side) with
// a similar length — the lesser at least 0.9 times the greater, less 5 —
// is never recognised as it.
func BodyPrint(a *article.Article) (hash uint64, runes, day uint32) {
	p := bodyPrintOf(a)
	return p.hash, p.runes, p.day
}

// SetViewsFromHistory makes a record's Views the count of the latest point
// of its view history, where it has one.
func SetViewsFromHistory(rec *article.Article) {
	if n := len(rec.ViewHistory); n > 0 {
		views := rec.ViewHistory[n-1].Views
		rec.Views = &views
	}
}

// AddAliases is the rule of both record stores for registering the URLs
// of add as aliases of the record canon; it returns have with them added,
// sorted and without duplicates. owner says which record a URL names
// ("" for none; register then makes it canon's). A URL that is a record
// of its own or already an alias of another record is left as it is (and
// out of the result): registering never takes a URL away from another
// record.
func AddAliases(canon string, have, add []string, owner func(url string) (string, error), register func(url string) error) ([]string, error) {
	out := slices.Clone(have)
	for _, u := range add {
		if u == "" || u == canon {
			continue
		}
		o, err := owner(u)
		if err != nil {
			return nil, err
		}
		switch o {
		case "":
			if err := register(u); err != nil {
				return nil, fmt.Errorf("alias %s: %w", u, err)
			}
		case canon: // an alias of canon already
		default: // a record of its own, or another record's alias
			continue
		}
		out = append(out, u)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
