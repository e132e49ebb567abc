package main

import (
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/crawl"
)

// TestSummarySweepLine: the crawl summary says what the removal sweep
// asked and found removed when it queued any, and says nothing of it
// otherwise.
func TestSummarySweepLine(t *testing.T) {
	var b strings.Builder
	writeRemoved(&b, crawl.Summary{Removed: crawl.RemovalSummary{Recorded: 2, Sweep: crawl.SweepSummary{Queued: 50, Checked: 48, Removed: 2}}})
	want := "  sweep     48 archived articles asked again (of 50 queued), 2 of them found removed at the source\n"
	if !strings.HasPrefix(b.String(), want) || !strings.Contains(b.String(), "removed   2 articles removed at the source") {
		t.Errorf("summary:\n%s\nwant it to begin with\n%s", b.String(), want)
	}
	b.Reset()
	writeRemoved(&b, crawl.Summary{})
	if b.String() != "" {
		t.Errorf("summary of a run without sweep or removals: %q", b.String())
	}
}
