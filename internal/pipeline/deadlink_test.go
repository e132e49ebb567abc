package pipeline_test

import (
	"testing"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/runs"
)

// TestDeadLinkKindIsTheCrawls: the run log counts a run's dead links by
// the error kind the crawl gives them; package runs cannot import crawl,
// so the two constants are kept equal here, where both are imported.
func TestDeadLinkKindIsTheCrawls(t *testing.T) {
	if runs.KindDeadLink != crawl.KindDeadLink {
		t.Errorf("runs.KindDeadLink %q, crawl.KindDeadLink %q", runs.KindDeadLink, crawl.KindDeadLink)
	}
}
