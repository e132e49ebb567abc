package extract

import (
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// Two-digit years. Old county and school templates (动易, 新云, early
// ASP systems) print the publish time with the year's last two digits:
// "发布时间：24-06-12 09:30", "更新时间：24/02/27". ParseDate refuses such
// a date anywhere — "12-06-24" in running text is a score, a version or a
// phone number as often as a day — so it is read only where the page's
// structure makes it one: right after a publish-time label on the info
// line or a labelled line of the body's edge.

// labeledShortYearDate finds, in the folded text f, a date with a
// two-digit year (YY-MM-DD, YY/MM/DD or YY.MM.DD, the same separator
// twice, optionally a time of day after it) right after a publish-time
// label (publishLabelBefore, as labeledDateLabel reads one). The year
// is 20YY, or 19YY from 70 on (the sites' own systems are no older). It
// returns the date, its precision and the label.
func labeledShortYearDate(f string) (time.Time, article.Precision, string, bool) {
	for i := 0; i+6 <= len(f); i++ { // 24-6-1 is the shortest
		end := shortYearDateEnd(f, i)
		if end < 0 {
			continue
		}
		label := publishLabelBefore(f, i)
		if label == "" {
			i = end - 1
			continue
		}
		century := "20"
		if f[i] >= '7' {
			century = "19"
		}
		t, p, at, ok := findDate(century + f[i:min(len(f), end+24)])
		if ok && at == 0 {
			return t, p, label, true
		}
		i = end - 1
	}
	return time.Time{}, "", "", false
}

// shortYearDateEnd returns the end of a date with a two-digit year
// starting at f[i] (two digits, a separator, one or two digits, the same
// separator, one or two digits), no digit on either side; -1 when none
// starts there.
func shortYearDateEnd(f string, i int) int {
	if i > 0 && isDigit(f[i-1]) || !isDigit(f[i]) || !isDigit(f[i+1]) {
		return -1
	}
	sep := f[i+2]
	if sep != '-' && sep != '/' && sep != '.' {
		return -1
	}
	j := i + 3
	for k := 0; k < 2; k++ {
		n := 0
		for j < len(f) && isDigit(f[j]) && n < 3 {
			j, n = j+1, n+1
		}
		if n == 0 || n > 2 {
			return -1
		}
		if k == 0 {
			if j >= len(f) || f[j] != sep {
				return -1
			}
			j++
		}
	}
	return j
}
