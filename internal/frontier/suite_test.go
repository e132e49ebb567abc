package frontier_test

import (
	"path/filepath"
	"testing"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/crawl/frontiertest"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// TestFrontierSuite runs the suite of crawl.Frontier on the bbolt
// frontier, checking the file's consistency at every close.
func TestFrontierSuite(t *testing.T) {
	frontiertest.Run(t, func(t *testing.T) frontiertest.Opener {
		path := filepath.Join(t.TempDir(), "frontier.db")
		return frontiertest.Opener{
			Open: func() crawl.Frontier {
				f, err := frontier.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				return f
			},
			Close: func(cf crawl.Frontier) {
				bolttest.CheckClose(t, cf.(*frontier.Frontier))
			},
		}
	})
}
