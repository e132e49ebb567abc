package extract

import "strings"

// A template may set the page's view count at the end of the text,
// inside the body's container, on a line of its own: 阅读次数：211次,
// （阅读：211次）, 点击数：211, or 浏览次数： with the number a script fills
// in. The line is no part of the story (cleanBody drops it among the
// body's last lines), and its number is the page's views when no
// labelled line above the text gave one (fillViews).

// maxCountLine bounds the runes of a line countLine reads: a label of
// four runes, its colon, a number of nine digits, 人次 and brackets.
const maxCountLine = 24

// countLine reports whether l is only a view count after its label, in
// brackets or not, its number followed by a counter word at most (次,
// 人次) — a number rounded to a unit too, as apps print a large count
// (阅读 2.3万, 浏览量：1.2万, 阅读 10万+: roundedCountEnd) — or the label alone with its colon (a script fills the number
// in); views is the count, nil for a label alone. A label opening a
// sentence or a link (阅读全文, 点击查看) is no count line.
func countLine(l string) (views *int64, ok bool) {
	if l == "" || !runesAtMost(l, maxCountLine) || !strings.ContainsAny(l, viewLabelFirsts) {
		return nil, false
	}
	f := strings.Trim(fold(l), " []()【】")
	at, end := nextViewLabel(f, 0)
	if at != 0 {
		return nil, false
	}
	rest := strings.TrimRight(f[end:], " ])】")
	if rest == "" {
		// The label alone: only with its colon, 浏览次数：, not a word.
		return nil, strings.Contains(f[:end], ":")
	}
	i := 0
	for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == ',') {
		i++
	}
	if i == 0 {
		return nil, false
	}
	i = roundedCountEnd(rest, i)
	switch tail := strings.TrimSpace(rest[i:]); tail {
	case "", "次", "人次":
	default:
		return nil, false
	}
	n, ok := ParseCount(rest[:i])
	if !ok {
		return nil, false
	}
	return &n, true
}

// closingCount returns the view count a count line (countLine) among
// the body's last three lines gives, or nil.
func closingCount(lines []bodyLine) *int64 {
	for _, l := range lines[max(len(lines)-3, 0):] {
		if v, ok := countLine(l.text); ok && v != nil {
			return v
		}
	}
	return nil
}

// isCountLine reports whether l is a count line (countLine).
func isCountLine(l string) bool {
	_, ok := countLine(l)
	return ok
}

// roundingUnits are the units an app rounds a large count to (万, 亿, k).
var roundingUnits = []string{"万", "萬", "w", "W", "亿", "億", "k", "K", "千"}

// roundedCountEnd returns where the count that digits end at i in s ends
// when it goes on as a rounded count does (2.3万, 10万+): a decimal part,
// then a unit, then a + for "more than"; i when it does not. The count is
// stored as the number printed, multiplied out (2.3万: 23000, 10万+:
// 100000): the page's own rounding, no figure it does not show.
func roundedCountEnd(s string, i int) int {
	j := i
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		for j++; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
		}
	}
	for _, u := range roundingUnits {
		if strings.HasPrefix(s[j:], u) {
			j += len(u)
			if j < len(s) && s[j] == '+' {
				j++
			}
			return j
		}
	}
	return i // a decimal with no unit is no count
}
