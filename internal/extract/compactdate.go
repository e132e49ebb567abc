package extract

// Compact dates. A template may print the publish day as eight digits
// with nothing between year, month and day (发布日期：20240305, a
// template's date('Ymd')); eight digits in a row are as often a number,
// an ID or a phone's digits, so they are read only right after a publish
// label (labeledDateLabel).

// compactDate returns rest, which opens with a year, with a compact date
// opening it written with dashes (20240305 10:30 → 2024-03-05 10:30),
// and whether it opens with one: eight digits and no ninth.
func compactDate(rest string) (string, bool) {
	if len(rest) < 8 || len(rest) > 8 && isDigit(rest[8]) {
		return "", false
	}
	for i := range 8 {
		if !isDigit(rest[i]) {
			return "", false
		}
	}
	return rest[:4] + "-" + rest[4:6] + "-" + rest[6:8] + rest[8:], true
}
