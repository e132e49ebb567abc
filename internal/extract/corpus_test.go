package extract

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// corpusDir is the shared CWCED corpus (69 Chinese pages with ground truth),
// outside the repository; the test is skipped when it is absent.
const corpusDir = "../../../shared/corpus/extract"

type corpusEntry struct {
	ID   string `json:"id"`
	HTML string `json:"html"`
	URL  string `json:"url"`
	GT   struct {
		Content string `json:"content"`
		Date    string `json:"date"`
		Author  string `json:"author"`
	} `json:"gt"`
}

// TestCorpus prints the macro body F1 (character 4-grams, white space
// removed) and the publish-date accuracy over the corpus. It asserts no
// threshold; the figures are for comparison with extraction.md.
func TestCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir, "cwced", "manifest.jsonl"))
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var (
		n, labelled, dayOK, minuteLabelled, minuteOK int
		sumF1                                        float64
		misses                                       []string
	)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e corpusEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("manifest: %v", err)
		}
		raw, err := os.ReadFile(filepath.Join(corpusDir, e.HTML))
		if err != nil {
			t.Fatalf("read %s: %v", e.HTML, err)
		}
		page, _, err := Decode(raw, "")
		if err != nil {
			t.Fatalf("decode %s: %v", e.ID, err)
		}
		u, _ := url.Parse(e.URL)
		if u == nil || u.Host == "" {
			u, _ = url.Parse("http://corpus.invalid/page.html")
		}
		res, err := Extract(page, u)
		if err != nil {
			t.Fatalf("extract %s: %v", e.ID, err)
		}
		f1 := ngramF1(res.Body, e.GT.Content, 4)
		sumF1 += f1
		n++
		want, wantPrec, ok := ParseDate(e.GT.Date)
		if ok {
			labelled++
			if sameDay(want, res.Published) {
				dayOK++
			} else {
				misses = append(misses, e.ID[6:14]+" want "+e.GT.Date+" got "+res.Published.Format("2006-01-02 15:04"))
			}
			if wantPrec == "minute" {
				minuteLabelled++
				if want.Equal(res.Published) {
					minuteOK++
				}
			}
		}
		if testing.Verbose() {
			t.Logf("%s f1=%.3f date=%s/%s got=%s %s title=%q", e.ID[6:14], f1, e.GT.Date, want.Format("2006-01-02 15:04"),
				res.Published.Format("2006-01-02 15:04"), res.Precision, truncateRunes(res.Title, 30))
		}
	}
	if n == 0 {
		t.Skip("empty corpus")
	}
	t.Logf("date misses: %s", strings.Join(misses, "; "))
	t.Logf("corpus: %d pages, macro body F1 %.3f; publish day %d/%d, minute %d/%d",
		n, sumF1/float64(n), dayOK, labelled, minuteOK, minuteLabelled)
}

// ngramF1 is the F1 of the character n-gram multisets of got and want,
// white space removed.
func ngramF1(got, want string, n int) float64 {
	g, w := ngrams(got, n), ngrams(want, n)
	if len(g) == 0 && len(w) == 0 {
		return 1
	}
	total := func(m map[string]int) int {
		s := 0
		for _, c := range m {
			s += c
		}
		return s
	}
	common := 0
	for k, c := range g {
		common += min(c, w[k])
	}
	if common == 0 {
		return 0
	}
	prec := float64(common) / float64(total(g))
	rec := float64(common) / float64(total(w))
	return 2 * prec * rec / (prec + rec)
}

func ngrams(s string, n int) map[string]int {
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s))
	m := map[string]int{}
	for i := 0; i+n <= len(rs); i++ {
		m[string(rs[i:i+n])]++
	}
	if len(rs) > 0 && len(rs) < n {
		m[string(rs)]++
	}
	return m
}
