package recordstest

import (
	"context"
	"testing"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
)

// Each calls fn with every record of the archive directory data, read as
// they are (archive.AsIs, read-only): what a run or a repair left there.
// A record that cannot be read fails the test.
func Each(t testing.TB, data string, fn func(*article.Article)) {
	t.Helper()
	EachOf(t, archive.AsIs{Data: data}, fn)
}

// EachOf is Each for the records of the archive a, wherever they are
// kept: in its directory, or in the PostgreSQL database its Store names.
func EachOf(t testing.TB, a archive.AsIs, fn func(*article.Article)) {
	t.Helper()
	st, err := a.Records(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.ForEach(func(rec *article.Article) error { fn(rec); return nil }); err != nil {
		t.Fatal(err)
	}
}
