package extract_test

import (
	"slices"
	"testing"

	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// heldoutDir holds the held-out corpus, in the repository: Chinese
// article pages of our own making, one per template family no class fix
// was written from (government portals, county media centres and their
// app share pages, national outlets, portals' copies, WeChat, e-papers,
// party, congress, discipline, school and hospital sites …), each page's
// source in the manifest the family it stands for.
const heldoutDir = "testdata/heldout"

// heldoutFloor gates the held-out corpus at the figures reached, as
// floors gate the shared corpora; pageF1 is the least body F1 any one
// page may score (the extractor's target on pages it was never tuned on
// is a macro F1 of 0.95).
var heldoutFloor = struct {
	bodyF1, pageF1                  float64
	titles, dates, authors, origins int
}{bodyF1: 0.999, pageF1: 0.95, titles: 39, dates: 39, authors: 27, origins: 38}

// TestHeldoutCorpus extracts every held-out page, prints the figures per
// family (-v: what each page missed) and fails when the corpus falls
// below heldoutFloor or a page below its body F1.
func TestHeldoutCorpus(t *testing.T) {
	pages, err := corpus.LoadCorpus(heldoutDir)
	if err != nil {
		t.Fatal(err)
	}
	var all corpus.Tally
	for _, p := range pages {
		out, err := extractPage(p)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		v := corpus.Judge(p, out)
		all.Add(v)
		t.Logf("%-24s %-24s P %.3f R %.3f F1 %.3f %s", p.Source, p.ID, v.Precision, v.Recall, v.F1, misses(p, out, v))
		if v.BodyScored && v.F1 < heldoutFloor.pageF1 {
			t.Errorf("%s (%s): body F1 %.3f, below %.2f", p.ID, p.Source, v.F1, heldoutFloor.pageF1)
		}
	}
	if n := len(families(pages)); n != len(pages) {
		t.Errorf("%d pages of %d families: one page per template family", len(pages), n)
	}
	_, _, f1 := all.Body()
	t.Logf("heldout: %d pages, body F1 %.4f, titles %d/%d, dates %d/%d, authors %d/%d, sources %d/%d", all.Pages, f1,
		all.TitlesRight, all.Titles, all.DatesRight, all.Dates, all.AuthorsRight, all.Authors, all.OriginsRight, all.Origins)
	fl := heldoutFloor
	if f1 < fl.bodyF1 {
		t.Errorf("body F1 %.4f, floor %.4f", f1, fl.bodyF1)
	}
	for _, c := range []struct {
		what        string
		right, want int
	}{{"titles", all.TitlesRight, fl.titles}, {"dates", all.DatesRight, fl.dates}, {"authors", all.AuthorsRight, fl.authors}, {"sources", all.OriginsRight, fl.origins}} {
		if c.right < c.want {
			t.Errorf("%s right %d, floor %d", c.what, c.right, c.want)
		}
	}
}

// families returns the template families (sources) of pages.
func families(pages []corpus.Page) []string {
	var fs []string
	for _, p := range pages {
		if !slices.Contains(fs, p.Source) {
			fs = append(fs, p.Source)
		}
	}
	return fs
}
