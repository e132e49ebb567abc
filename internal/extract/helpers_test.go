package extract

import (
	"fmt"
	"strings"
	"testing"
)

// dropCase is a case of a function that drops body lines: the texts of
// the lines it is given and the texts of those it keeps.
type dropCase struct {
	name  string
	lines []string
	want  []string
}

// checkDrops runs drop over each case's lines and checks the texts it
// keeps.
func checkDrops(t *testing.T, drop func([]bodyLine) []bodyLine, tests []dropCase) {
	t.Helper()
	for _, tc := range tests {
		got := keptTexts(drop, tc.lines)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

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

// extractClassPage extracts the page testdata/classes/file, served at
// pageURL, as the crawler would see it: its raw bytes through Decode,
// then Extract.
func extractClassPage(t *testing.T, file, pageURL string) *Result {
	t.Helper()
	src, _, err := Decode(readFixture(t, "classes/"+file), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(src, mustURL(t, pageURL))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wantField is a field of a Result, its value and the value a test wants;
// a want of "" is not checked.
type wantField struct{ name, got, want string }

// checkFields reports each field whose value is not the one wanted.
func checkFields(t *testing.T, fields ...wantField) {
	t.Helper()
	for _, f := range fields {
		if f.want != "" && f.got != f.want {
			t.Errorf("%s %q, want %q", f.name, f.got, f.want)
		}
	}
}

// checkBody reports each text of want that body lacks and each of not
// that it holds.
func checkBody(t *testing.T, body string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q:\n%s", w, body)
		}
	}
	for _, n := range not {
		if strings.Contains(body, n) {
			t.Errorf("body holds %q:\n%s", n, body)
		}
	}
}

// classPage is a page of ours standing for a class of Chinese article
// page (testdata/classes), with what extracting it must give.
type classPage struct {
	file, url string
	title     string
	published string // "2006-01-02 15:04" China time
	views     string // "" = not checked
	source    string // "" = not checked
	author    string // "" = not checked
	editor    string // "" = not checked
	column    string // "" = not checked
	want      []string
	not       []string
}

// checkClassPages extracts each page as the crawler would (raw bytes
// through Decode) and checks it is an article with the fields and the
// body its row wants.
func checkClassPages(t *testing.T, pages []classPage) {
	t.Helper()
	for _, tt := range pages {
		t.Run(tt.file, func(t *testing.T) {
			r := extractClassPage(t, tt.file, tt.url)
			if !r.IsArticle {
				t.Error("not an article")
			}
			views := ""
			if tt.views != "" && r.Views != nil {
				views = fmt.Sprint(*r.Views)
			}
			checkFields(t, wantField{"title", r.Title, tt.title}, wantField{"published", r.Published.Format("2006-01-02 15:04"), tt.published},
				wantField{"views", views, tt.views},
				wantField{"source", r.Source, tt.source}, wantField{"author", r.Author, tt.author}, wantField{"editor", r.Editor, tt.editor},
				wantField{"column", r.Column, tt.column})
			checkBody(t, r.Body, tt.want, tt.not)
		})
	}
}
