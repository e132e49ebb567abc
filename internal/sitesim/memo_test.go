package sitesim

import "testing"

// TestTitleTable asks for the titles of more articles than the title
// table holds, twice over in another order, so that entries collide and
// get replaced: every answer is the article's own title.
func TestTitleTable(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 9, Articles: 3 * titleSlots})
	var refs []ref
	for _, s := range sim.sites {
		for j := 0; j < s.count(); j++ {
			refs = append(refs, s.at(j))
		}
	}
	for pass := 0; pass < 2; pass++ {
		for k := range refs {
			a := refs[(k*7919+pass*104729)%len(refs)]
			if got, want := sim.title(a), sim.makeTitle(a); got != want {
				t.Fatalf("title of %s #%d = %q, want %q", a.s.Host, a.j, got, want)
			}
		}
	}
}

// TestPiecesStayPut checks that a memoized piece is rendered once and
// then given back as it was, per site and key.
func TestPiecesStayPut(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 9})
	a, b := sim.sites[0], sim.sites[1]
	builds := 0
	build := func(v string) func() string { return func() string { builds++; return v } }
	if sim.memo(a, pieceHot, 3, build("a3")) != "a3" || sim.memo(a, pieceHot, 3, build("other")) != "a3" ||
		sim.memo(a, pieceHot, 4, build("a4")) != "a4" || sim.memo(b, pieceHot, 3, build("b3")) != "b3" {
		t.Error("memo gave another piece than the first one rendered for its site and key")
	}
	if builds != 3 {
		t.Errorf("%d pieces rendered, want 3", builds)
	}
}
