package recordstest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/store"
)

// The URL that holds an article's record does not depend on which of its
// URLs was fetched first (store.Preferred orders them by form).

// testPutPrefersURLForm: of two URLs of one article, the preferred form
// holds the record in either order; put second, it takes the record over
// with the former record's aliases, view history and versions.
func testPutPrefersURLForm(t *testing.T, fresh func(*testing.T) Opener) {
	const extra = "http://hb.wenming.cn/plus/redirect.php?aid=77" // the former record's own alias
	tests := []struct {
		name, preferred, other string
	}{
		{"static over dynamic", dedeStatic, dedeDynamic},
		{"desktop over mobile path", dedeDynamic, mobile},
		{"desktop over mobile host", "http://www.qhwmw.gov.cn/news/xzdt/2023-09-09/38.html", "http://m.qhwmw.gov.cn/news/xzdt/2023-09-09/38.html"},
		{"desktop over mobile first segment", "http://www.qhwmw.gov.cn/news/xzdt/2023-09-09/38.html", "http://www.qhwmw.gov.cn/m/news/xzdt/2023-09-09/38.html"},
	}
	for _, tt := range tests {
		for _, preferredFirst := range []bool{true, false} {
			name := tt.name + ", other first"
			if preferredFirst {
				name = tt.name + ", preferred first"
			}
			t.Run(name, func(t *testing.T) {
				s, reopen := reopenable(t, fresh(t))
				lines := longBody(77, 20)
				first, second := tt.preferred, tt.other
				if !preferredFirst {
					first, second = tt.other, tt.preferred
				}
				// The first URL's record, corrected once (a version), with
				// an alias of its own.
				a := article77(first)
				a.Aliases = []string{extra}
				a.Body = strings.Join(lines[:19], "\n")
				if st, err := s.Put(a); err != nil || st != store.New {
					t.Fatalf("first Put = %v, %v", st, err)
				}
				a2 := article77(first)
				a2.FetchedAt, a2.Views = t0.Add(time.Hour), views(12)
				if st, err := s.Put(a2); err != nil || st != store.Updated {
					t.Fatalf("correction = %v, %v", st, err)
				}
				// The second URL: the same article by another template.
				b := article77(second)
				b.Column = "首页"
				b.FetchedAt, b.Views = t0.Add(2*time.Hour), views(15)
				want := store.Aliased
				if !preferredFirst {
					want = store.Moved
				}
				if st, err := s.Put(b); err != nil || st != want {
					t.Fatalf("second Put = %v, %v; want %v", st, err, want)
				}
				for _, r := range []func() archive.Records{func() archive.Records { return s }, reopen} {
					s := r()
					if n, _ := s.Len(); n != 1 {
						t.Errorf("Len = %d, want 1", n)
					}
					wantAliases := []string{tt.other, extra}
					slices.Sort(wantAliases)
					for _, u := range []string{tt.preferred, tt.other, extra} {
						got, err := s.Get(u)
						if err != nil {
							t.Fatalf("Get(%s): %v", u, err)
						}
						if got.URL != tt.preferred || !slices.Equal(got.Aliases, wantAliases) {
							t.Errorf("Get(%s) = record %s aliases %v; want %s with %v", u, got.URL, got.Aliases, tt.preferred, wantAliases)
						}
						if c, ok, err := s.Resolve(u); err != nil || !ok || c != tt.preferred {
							t.Errorf("Resolve(%s) = %q %v %v", u, c, ok, err)
						}
						vs, err := s.Versions(u)
						if err != nil || len(vs) != 1 || vs[0].Body != a.Body {
							t.Errorf("Versions(%s) = %d versions, %v; want the first URL's correction", u, len(vs), err)
						}
					}
					got, _ := s.Get(tt.preferred)
					// The record holds the observation made under its URL.
					wantColumn, wantFetched := a2.Column, a2.FetchedAt
					if !preferredFirst {
						wantColumn, wantFetched = b.Column, b.FetchedAt
					}
					if got.Column != wantColumn || !got.FetchedAt.Equal(wantFetched) {
						t.Errorf("record column %q fetched %v; want the observation of %s (%q, %v)", got.Column, got.FetchedAt, tt.preferred, wantColumn, wantFetched)
					}
					if len(got.ViewHistory) != 3 || got.Views == nil || *got.Views != 15 {
						t.Errorf("view history %v, views %v; want all three observations, latest 15", got.ViewHistory, got.Views)
					}
					if br, ok, err := s.Brief(tt.other); err != nil || !ok || !br.FetchedAt.Equal(wantFetched) {
						t.Errorf("Brief(%s) = %+v %v %v", tt.other, br, ok, err)
					}
				}
			})
		}
	}
}

// testPutSameFormKeepsRecord: of two URLs of the same form neither is
// preferred: the record stays with the first, in either order.
func testPutSameFormKeepsRecord(t *testing.T, fresh func(*testing.T) Opener) {
	const other = "http://hb.wenming.cn/a/wmcj/77.html"
	for _, first := range []string{dedeStatic, other} {
		t.Run(first, func(t *testing.T) {
			s := open(t, fresh(t))
			second := dedeStatic
			if first == dedeStatic {
				second = other
			}
			if st, err := s.Put(article77(first)); err != nil || st != store.New {
				t.Fatalf("first Put = %v, %v", st, err)
			}
			if st, err := s.Put(article77(second)); err != nil || st != store.Aliased {
				t.Fatalf("second Put = %v, %v; want aliased", st, err)
			}
			got, err := s.Get(second)
			if err != nil || got.URL != first || !slices.Equal(got.Aliases, []string{second}) {
				t.Errorf("Get(%s) = %v, %v; want record %s", second, got, err, first)
			}
		})
	}
}

// testPutPreferredAliasTakesRecord: an alias of the preferred form
// registered before (a redirect, an archive written before the
// preference) takes the record when it is put; put again, it stays.
func testPutPreferredAliasTakesRecord(t *testing.T, fresh func(*testing.T) Opener) {
	s := open(t, fresh(t))
	a := article77(mobile)
	a.Aliases = []string{dedeStatic, dedeDynamic}
	if st, err := s.Put(a); err != nil || st != store.New {
		t.Fatalf("Put with aliases = %v, %v", st, err)
	}
	// The dynamic address, preferred to the mobile one.
	if st, err := s.Put(article77(dedeDynamic)); err != nil || st != store.Moved {
		t.Fatalf("Put of the dynamic alias = %v, %v; want moved", st, err)
	}
	if st, err := s.Put(article77(mobile)); err != nil || st != store.Aliased {
		t.Fatalf("Put of the mobile URL again = %v, %v; want aliased", st, err)
	}
	// The static address, preferred to both.
	if st, err := s.Put(article77(dedeStatic)); err != nil || st != store.Moved {
		t.Fatalf("Put of the static alias = %v, %v; want moved", st, err)
	}
	if st, err := s.Put(article77(dedeStatic)); err != nil || st != store.Unchanged {
		t.Fatalf("Put of the static URL again = %v, %v; want unchanged", st, err)
	}
	got, err := s.Get(mobile)
	if err != nil || got.URL != dedeStatic || !slices.Equal(got.Aliases, []string{mobile, dedeDynamic}) {
		t.Errorf("Get(mobile) = %+v, %v; want record %s with both aliases", got, err, dedeStatic)
	}
	if n, _ := s.Len(); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
}
