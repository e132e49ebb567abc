package store

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestPutReadsOnlyRecordsThatMayMatch: a Put of a new URL reads the
// records of its title only where their body prints say they may be its
// article. A record that cannot be read shows which were read: a Put of
// another body on another day passes it over, one of its body reads it
// (and fails), and once it can be read again recognises it.
func TestPutReadsOnlyRecordsThatMayMatch(t *testing.T) {
	s := openTest(t)
	day1 := time.Date(2025, 2, 3, 10, 0, 0, 0, article.China)
	weekly := func(url, body string, published time.Time) *article.Article {
		a := sample(url)
		a.Title, a.Body, a.Published = "一周要闻", strings.Repeat(body, 10), published
		return a
	}
	first := weekly("http://hb.wenming.cn/a/1.html", "第一周的要闻。", day1)
	if st, err := s.Put(first); err != nil || st != New {
		t.Fatalf("Put first = %v, %v", st, err)
	}
	var kept []byte
	setRecord := func(v []byte) {
		t.Helper()
		err := s.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketArticles)
			if v == nil {
				kept = append([]byte(nil), b.Get([]byte(first.URL))...)
				return b.Put([]byte(first.URL), []byte{formatJSON, '{'})
			}
			return b.Put([]byte(first.URL), v)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	setRecord(nil) // unreadable from here on
	next := weekly("http://hb.wenming.cn/a/2.html", "第二周的要闻。", day1.AddDate(0, 0, 7))
	if st, err := s.Put(next); err != nil || st != New {
		t.Errorf("Put of another week's report = %v, %v; want new, the unreadable record of its title passed over", st, err)
	}
	again := weekly("http://hb.wenming.cn/m/1.html", "第一周的要闻。", day1)
	if _, err := s.Put(again); err == nil {
		t.Errorf("Put of the first week's report under another URL succeeded; want the unreadable record of its body read, and its error")
	}
	setRecord(kept)
	if st, err := s.Put(again); err != nil || st != Aliased {
		t.Errorf("Put of the first week's report under another URL = %v, %v; want aliased", st, err)
	}
}

// mayMatch says no only where Recognise would pass the record over: other
// bodies, published on other days or of lengths too far apart.
func TestBodyPrintMayMatch(t *testing.T) {
	day := time.Date(2025, 2, 3, 23, 30, 0, 0, article.China)
	morning := time.Date(2025, 2, 3, 7, 30, 0, 0, article.China) // 23:30 the day before in UTC
	print := func(body string, published time.Time) bodyPrint {
		return bodyPrintOf(&article.Article{Body: body, Published: published})
	}
	long := strings.Repeat("文明实践", 30)
	tests := []struct {
		name string
		p, q bodyPrint
		want bool
	}{
		{"same body, other day", print(long, day), print(" "+long+"\n", day.AddDate(0, 0, 7)), true},
		{"same day, similar length", print(long, day), print(long+"一句", day.Add(20*time.Minute)), true},
		{"same day in China, not in UTC", print(long, morning), print(long+"一句", morning.Add(time.Hour)), true},
		{"no date", print(long, time.Time{}), print(long+"一句", day), true},
		{"other day", print(long, day), print(long+"一句", day.Add(time.Hour)), false},
		{"same day, length far apart", print(long, day), print(long+long, day), false},
	}
	for _, tt := range tests {
		if got := tt.p.mayMatch(tt.q); got != tt.want {
			t.Errorf("%s: mayMatch = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNormBodyHash checks the print's hash and length, read from the body
// as it is, against hashing normBody's copy of it: whitespace of every
// kind left out, bytes that are not UTF-8 read as U+FFFD.
func TestNormBodyHash(t *testing.T) {
	bodies := []string{
		"",
		"   \t\n",
		"近日，文明实践进社区。\n\n　　活动现场气氛热烈。",
		"a b\u00a0c\u0085d\u2003e\u3000f\u2028g\v\fh\ri",
		"bad \xff byte, cut \xe6\x96 rune, \xef\xbf\xbd itself",
		"\xe6\x96",
		"emoji 😀 and\ttabs",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{" ", "\n", "\u3000", "\u00a0", "文", "明", "a", "Z", "\xff", "\xe6\x96", "😀", "\u0085"}
	for range 500 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		bodies = append(bodies, b.String())
	}
	for _, body := range bodies {
		norm := normBody(body)
		h := fnv.New64a()
		h.Write([]byte(norm))
		hash, runes := normBodyHash(body)
		if hash != h.Sum64() || runes != uint32(utf8.RuneCountInString(norm)) {
			t.Errorf("normBodyHash(%q) = %x, %d runes; normBody %q hashes to %x, %d runes", body, hash, runes, norm, h.Sum64(), utf8.RuneCountInString(norm))
		}
	}
}
