package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// The -agree mode audits pages that carry no labels: every extractor
// runs on every .html/.htm file of a folder, and for each page the
// table gives the body F1 of each pair of extractors (character
// 4-grams, as corpus.NgramPRF scores a body against its truth), each
// one's title, day and body length. Pages come sorted by how far
// wenming stands from the peers' agreement, so that the ones to read
// by hand come first: where the peers agree with each other and not
// with wenming, or wenming's title or day differs from both peers'.

// agreeURL is the address every page of an -agree folder is given.
const agreeURL = "http://agree.invalid/"

// agreeOutput is one extractor's output on one page of an -agree run.
type agreeOutput struct {
	Extractor string `json:"extractor"`
	Title     string `json:"title"`
	Day       string `json:"day"`   // China time; "" when none
	Runes     int    `json:"runes"` // of the body
	Err       string `json:"error,omitempty"`
	body      string
}

// agreePage is one page of an -agree run.
type agreePage struct {
	File    string             `json:"file"`
	Outputs []agreeOutput      `json:"outputs"` // in extractor order
	PairF1  map[string]float64 `json:"pair_f1"` // "a/b" → body F1 of a against b
	// Gap is how far wenming is from the peers: the peers' F1 with each
	// other less wenming's best F1 with either (0 when the peers are
	// farther from each other than from wenming).
	Gap       float64 `json:"gap"`
	TitleOdd  bool    `json:"title_odd"` // wenming's title differs from every peer's
	DayOdd    bool    `json:"day_odd"`   // wenming's day differs from every peer's
	PeersPart bool    `json:"peers_part"`
}

// loadFolder reads and decodes every .html or .htm file of dir, sorted
// by name.
func loadFolder(dir string) ([]string, [][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("-agree: %w", err)
	}
	var names []string
	var srcs [][]byte
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".html" && ext != ".htm") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, fmt.Errorf("-agree: %w", err)
		}
		src, _, err := extract.Decode(raw, "")
		if err != nil {
			return nil, nil, fmt.Errorf("-agree: decode %s: %w", e.Name(), err)
		}
		names = append(names, e.Name())
		srcs = append(srcs, src)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("-agree: no .html or .htm file in %s", dir)
	}
	return names, srcs, nil
}

// agree runs xs over every page of dir and compares their outputs.
func agree(dir string, xs []extractor, scramble bool) ([]agreePage, error) {
	names, srcs, err := loadFolder(dir)
	if err != nil {
		return nil, err
	}
	time.Local = article.China // as in the corpus bench: peers' zone-less dates are China time
	pages := make([]agreePage, len(names))
	for i, name := range names {
		src := srcs[i]
		if scramble {
			src = scrambleNames(src)
		}
		u, err := url.Parse(agreeURL + url.PathEscape(name))
		if err != nil {
			return nil, fmt.Errorf("-agree: %s: %w", name, err)
		}
		p := agreePage{File: name, PairF1: map[string]float64{}}
		for _, x := range xs {
			out, _, err := call(x, src, u)
			o := agreeOutput{Extractor: x.name, Title: strings.TrimSpace(out.Title), Runes: utf8.RuneCountInString(out.Body), body: out.Body}
			if err != nil {
				o = agreeOutput{Extractor: x.name, Err: err.Error()}
			}
			if !out.Published.IsZero() && err == nil {
				o.Day = out.Published.In(article.China).Format(time.DateOnly)
			}
			p.Outputs = append(p.Outputs, o)
		}
		p.compare()
		pages[i] = p
	}
	slices.SortStableFunc(pages, func(a, b agreePage) int {
		return cmp.Or(cmp.Compare(b.rank(), a.rank()), cmp.Compare(a.File, b.File))
	})
	return pages, nil
}

// compare fills in the pair F1s and how wenming stands against the peers.
func (p *agreePage) compare() {
	for i, a := range p.Outputs {
		for _, b := range p.Outputs[i+1:] {
			_, _, f := corpus.NgramPRF(a.body, b.body, 4)
			p.PairF1[a.Extractor+"/"+b.Extractor] = round4(f)
		}
	}
	w := slices.IndexFunc(p.Outputs, func(o agreeOutput) bool { return o.Extractor == "wenming" })
	if w < 0 || len(p.Outputs) < 3 {
		return
	}
	var peers []agreeOutput
	peers = append(peers, p.Outputs[:w]...)
	peers = append(peers, p.Outputs[w+1:]...)
	me := p.Outputs[w]
	peersF1 := p.PairF1[peers[0].Extractor+"/"+peers[1].Extractor]
	best := 0.0
	for _, q := range peers {
		best = max(best, p.PairF1["wenming/"+q.Extractor])
	}
	p.Gap = round4(max(0, peersF1-best))
	p.PeersPart = peersF1 < 0.8
	p.TitleOdd, p.DayOdd = true, true
	for _, q := range peers {
		if corpus.TitleMatches(me.Title, q.Title) || corpus.TitleMatches(q.Title, me.Title) {
			p.TitleOdd = false
		}
		if me.Day == q.Day {
			p.DayOdd = false
		}
	}
}

// rank orders the pages to read: the body gap first, then a title or a
// day unlike both peers', then peers parting ways.
func (p agreePage) rank() float64 {
	r := p.Gap
	if p.TitleOdd {
		r += 0.1
	}
	if p.DayOdd {
		r += 0.1
	}
	if p.PeersPart {
		r += 0.05
	}
	return r
}

// writeAgree prints the -agree table: one block per page, a line of
// pair F1s and flags, then one line per extractor.
func writeAgree(w io.Writer, dir string, pages []agreePage) error {
	if len(pages) == 0 {
		return errors.New("-agree: no page")
	}
	fmt.Fprintf(w, "agreement over %d unlabelled pages of %s (body F1 of character 4-grams between extractors; gap: peers' F1 with each other less wenming's best with either)\n\n", len(pages), dir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var gaps, titles, days, parts int
	for _, p := range pages {
		var pairs []string
		for _, k := range slices.Sorted(maps.Keys(p.PairF1)) {
			pairs = append(pairs, fmt.Sprintf("%s %.3f", k, p.PairF1[k]))
		}
		var flags []string
		if p.Gap > 0.05 {
			flags = append(flags, "BODY")
			gaps++
		}
		if p.TitleOdd {
			flags = append(flags, "TITLE")
			titles++
		}
		if p.DayOdd {
			flags = append(flags, "DAY")
			days++
		}
		if p.PeersPart {
			flags = append(flags, "peers-part")
			parts++
		}
		fmt.Fprintf(tw, "%s\tgap %.3f\t%s\t%s\n", p.File, p.Gap, strings.Join(pairs, "  "), strings.Join(flags, " "))
		for _, o := range p.Outputs {
			if o.Err != "" {
				fmt.Fprintf(tw, "  %s\terror\t%s\t\n", o.Extractor, firstLine(o.Err))
				continue
			}
			day := o.Day
			if day == "" {
				day = "-"
			}
			fmt.Fprintf(tw, "  %s\t%d runes\t%s  %q\t\n", o.Extractor, o.Runes, day, clip(o.Title, 40))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d pages: wenming's body off the peers' agreement by more than 0.05 on %d, its title unlike both peers' on %d, its day on %d; the peers part (F1 < 0.8) on %d\n",
		len(pages), gaps, titles, days, parts)
	return err
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// dumpAgree writes each extractor's body of each page under dir, as
// <file>.<extractor>.txt, the title on the first line.
func dumpAgree(dir string, pages []agreePage) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	for _, p := range pages {
		for _, o := range p.Outputs {
			name := filepath.Join(dir, p.File+"."+o.Extractor+".txt")
			if err := os.WriteFile(name, []byte(o.Title+"\n\n"+o.body+"\n"), 0o644); err != nil {
				return fmt.Errorf("dump: %w", err)
			}
		}
	}
	return nil
}
