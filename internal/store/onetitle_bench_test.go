package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// oneTitleArticle is the i-th of many articles a site publishes under one
// title (a weekly report, or a CMS that titles every page with the site's
// name), each its own text and day.
func oneTitleArticle(i int) *article.Article {
	var b strings.Builder
	for j := range 60 {
		b.WriteRune(rune(0x4e00 + (i*7919+j*104729)%0x5000))
	}
	return &article.Article{
		URL:       fmt.Sprintf("https://www.xx.gov.cn/zwgk/%07d.html", i),
		Site:      "www.xx.gov.cn",
		Title:     "某某县人民政府",
		Body:      b.String(),
		Published: time.Date(2020, 1, 1, 9, 0, 0, 0, article.China).Add(time.Duration(i) * time.Hour),
		FetchedAt: t0,
	}
}

// BenchmarkPutUnderOneTitle: the Put of a new article into a store that
// holds n of its site under the same title costs what it costs at n = 0,
// not n times more.
func BenchmarkPutUnderOneTitle(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "archive.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.db.NoSync = true
			const perTx = 500
			for i := 0; i < n; i += perTx {
				err := s.db.Update(func(tx *bolt.Tx) error {
					for j := i; j < min(i+perTx, n); j++ {
						if _, _, err := put(tx, &writes{}, oneTitleArticle(j)); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := range b.N {
				err := s.db.Update(func(tx *bolt.Tx) error {
					_, _, err := put(tx, &writes{}, oneTitleArticle(n+i))
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
