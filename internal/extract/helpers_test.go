package extract

// keptTexts runs drop over body lines of the given texts, each counted
// as all visible text, and returns the texts of the lines it keeps.
func keptTexts(drop func([]bodyLine) []bodyLine, texts []string) []string {
	var ls []bodyLine
	for _, l := range texts {
		ls = append(ls, bodyLine{text: l, vis: countVisible(l)})
	}
	var got []string
	for _, l := range drop(ls) {
		got = append(got, l.text)
	}
	return got
}
