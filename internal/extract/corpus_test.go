package extract

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
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

// Thresholds of TestCorpus (extraction.md: go-readability 0.939 body F1,
// GNE-style dates 42/51).
const (
	minBodyF1 = 0.96
	minDates  = 47 // of the 51 pages whose label is a full date
)

// TestCorpus prints the macro body F1 (character 4-grams, white space
// removed) and the publish-date accuracy over the corpus, and fails below
// minBodyF1 or minDates. -v prints a table row per page.
//
// Dates are scored on the pages whose label parses as a full date (51).
// Labels that do not are excluded: the defects SOURCE.txt lists (c4d032a1
// "刘涛", b70f455d "UNKNWON", c268c1b4 empty), the "UNKNOWN" labels, and
// labels of a month or year only ("1998-3", "2018"), which a day cannot
// match. Three of the 51 labels are disputed but still counted (see
// disputedLabels); the misses are logged.
func TestCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir, "cwced", "manifest.jsonl"))
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var (
		n, labelled, dayOK, minuteLabelled, minuteOK int
		sumF1                                        float64
		misses, excluded                             []string
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
		if !ok {
			excluded = append(excluded, e.ID[6:14]+" "+strconvQuote(e.GT.Date))
		}
		if ok {
			labelled++
			if sameDay(want, res.Published) {
				dayOK++
			} else {
				misses = append(misses, e.ID[6:14]+" want "+e.GT.Date+" got "+res.Published.Format("2006-01-02 15:04")+disputedLabels[e.ID[6:14]])
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
	t.Logf("date labels excluded (not a full date): %s", strings.Join(excluded, "; "))
	t.Logf("date misses: %s", strings.Join(misses, "; "))
	macro := sumF1 / float64(n)
	t.Logf("corpus: %d pages, macro body F1 %.3f; publish day %d/%d, minute %d/%d",
		n, macro, dayOK, labelled, minuteOK, minuteLabelled)
	if macro < minBodyF1 {
		t.Errorf("macro body F1 %.3f < %.2f", macro, minBodyF1)
	}
	if dayOK < minDates {
		t.Errorf("publish dates right on %d of %d pages, want at least %d", dayOK, labelled, minDates)
	}
}

// disputedLabels are date labels that contradict the page; they stay in
// the count (no page is special-cased), the reason is logged with a miss.
var disputedLabels = map[string]string{
	"05e98007": " (label reads the page's US date 7/5/2005 as 7 May; the same site's 6650f72a label reads 9/17/2004 as M/D)",
	"e8847578": " (label is the 成文日期 2022-01-27; the page's 发布日期 and meta PubDate are 2022-01-28)",
	"d5bced5e": " (label is a cited reference's date; the page's JSON-LD datePublished is 2011-06-17)",
}

func strconvQuote(s string) string { return strconv.Quote(s) }

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

// BenchmarkExtractCorpus extracts every corpus page (decoded beforehand)
// once per iteration on one goroutine and reports pages/s, i.e. per core.
func BenchmarkExtractCorpus(b *testing.B) {
	f, err := os.Open(filepath.Join(corpusDir, "cwced", "manifest.jsonl"))
	if err != nil {
		b.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	type item struct {
		page []byte
		u    *url.URL
	}
	var items []item
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	bytes := 0
	for sc.Scan() {
		var e corpusEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			b.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(corpusDir, e.HTML))
		if err != nil {
			b.Fatal(err)
		}
		page, _, err := Decode(raw, "")
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(e.URL)
		items = append(items, item{page, u})
		bytes += len(page)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			if _, err := Extract(it.page, it.u); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "pages/s")
}
