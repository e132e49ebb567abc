package export

import (
	"strings"

	"github.com/wenming-archive/wenming/internal/article"
)

// Warning is a field of an archived record that fails
// [article.Article.Validate] (a record stored before records were
// validated). The exports write the record anyway: a time out of range is
// left out (see [Record]), anything else is written as stored.
type Warning struct {
	URL     string
	Field   string
	Why     string
	LeftOut bool // the value is not in the export
}

func (w Warning) String() string {
	what := "written as stored"
	if w.LeftOut {
		what = "left out"
	}
	return w.URL + ": " + w.Field + ": " + w.Why + " (" + what + ")"
}

// Checked wraps src: before each article goes on, warn is called with
// every field of it that fails [article.Article.Validate].
func Checked(src Source, warn func(Warning)) Source {
	return func(fn func(*article.Article) error) error {
		return src(func(a *article.Article) error {
			for _, p := range a.Problems() {
				warn(Warning{URL: a.URL, Field: p.Field, Why: p.Why, LeftOut: leftOut(a, p.Field)})
			}
			return fn(a)
		})
	}
}

// leftOut reports whether the exports leave out the value of field of a:
// a time they cannot write (see [Record]).
func leftOut(a *article.Article, field string) bool {
	switch field {
	case "fetched_at", "published", "capture.time":
		return true
	}
	// view_history[i].at: the point is dropped; view_history[i].views is written.
	return strings.HasPrefix(field, "view_history[") && strings.HasSuffix(field, "].at")
}
