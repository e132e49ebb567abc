package extract

import (
	"regexp"
	"strings"

	"github.com/wenming-archive/wenming/internal/cms"
	"github.com/wenming-archive/wenming/internal/literalscan"
)

// The rules look for a few dozen literals in the page's source: CMS
// signals, counter scripts, pager scripts, JSON-LD. One pass of a
// literalscan.Scanner finds them all (see the package).

// rawLiteral is a literal the rules look for in the raw page. Folded ones
// match ASCII letters in either case.
type rawLiteral = literalscan.Literal

// rawLiterals lists every literal looked up through page.rawIndex: the
// signals and counter leads of the CMSs (package cms), then the generic
// rules' own. A literal not listed is still found (by a scan of its own).
var rawLiterals = func() []rawLiteral {
	var out []rawLiteral
	seen := map[rawLiteral]int{} // by text and folding: its place in out
	addAs := func(fold, every bool, lits ...string) {
		for _, t := range lits {
			key := rawLiteral{Text: t, Fold: fold}
			if i, ok := seen[key]; ok {
				out[i].Every = out[i].Every || every
				continue
			}
			seen[key] = len(out)
			out = append(out, rawLiteral{Text: t, Fold: fold, Every: every})
		}
	}
	add := func(fold bool, lits ...string) { addAs(fold, false, lits...) }
	for _, c := range cms.All {
		add(false, c.Detect.Literals...)
		add(false, c.Detect.Markup.Names...)
		if c.PagerScript != "" {
			add(false, c.PagerScript)
		}
		if c.Counter != nil {
			add(true, c.Counter.Leads...)
		}
	}
	// Pagers.
	add(false, `class="p`, "下一页", "尾页", "末页")
	// A site footer's registration (siteFooters).
	add(false, registrationMarks...)
	// View labels, where a counter script no CMS rule knows stands
	// (labelledCounter): every place of each, where findCounter looks.
	addAs(false, true, viewLabelHeads...)
	// A view count the page's script fills in (filledCounter).
	add(false, filledLeads...)
	// A view icon, where a counter script may stand as after a label:
	// every place of each too.
	addAs(false, true, viewIconLeads...)
	// A blog engine's category link (namedColumn).
	add(false, categoryRels...)
	// A blog engine's tag links (tagBox).
	add(false, tagRelOpenings...)
	// A repost's original headline (namesOriginalTitle).
	add(false, originalTitleLabel)
	// An office's reply to a letter (holdsReplyLabel).
	add(false, replyLabels...)
	// A script writing a literal (writtenLiterals), looked for first on
	// every page.
	add(false, "document.write")
	// A publish time a script or an attribute holds (scriptDate):
	// eleven names, each a scan of its own of the pages it is asked on.
	add(false, scriptDateNames...)
	// Structured data.
	add(true, "<base")
	add(false, "application/ld+json", `"headline"`, `"datePublished"`)
	return out
}()

// literalScanner finds rawLiterals.
var literalScanner = literalscan.New(rawLiterals)

// rawIndex is the result of one scan of a page: the first offset of each
// literal, and countMarks: every offset of a view label's first two
// characters (viewLabelHeads) or of a view icon's word (viewIconLeads), in
// increasing order — where a count, and a script that asks for it, may
// stand right after.
type rawIndex struct {
	src        string
	at         []int32
	countMarks []int32
}

func indexRaw(src string) rawIndex {
	at, marks := literalScanner.ScanAll(src)
	return rawIndex{src: src, at: at, countMarks: marks}
}

// index returns the first offset of lit in the page, -1 if absent.
func (r rawIndex) index(lit string) int {
	return r.lookup(rawLiteral{Text: lit})
}

// indexFold is index with ASCII letters matched in either case; lit is
// lower case.
func (r rawIndex) indexFold(lit string) int {
	return r.lookup(rawLiteral{Text: lit, Fold: true})
}

func (r rawIndex) lookup(l rawLiteral) int {
	if j, ok := literalScanner.Index(l); ok && r.at != nil {
		return int(r.at[j])
	}
	if l.Fold {
		return strings.Index(asciiLower(r.src), l.Text)
	}
	return strings.Index(r.src, l.Text)
}

func (r rawIndex) has(lit string) bool { return r.index(lit) >= 0 }

// rawMatch is re.FindStringSubmatch over the raw page, skipped when the
// literal every match starts with is absent.
func (p *page) rawMatch(re *regexp.Regexp, lead string) []string {
	i := p.rx.index(lead)
	if i < 0 {
		return nil
	}
	return re.FindStringSubmatch(p.raw[i:])
}
