package pgstore_test

import (
	"context"
	"testing"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/crawl/frontiertest"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
)

// TestFrontierSuite runs the suite of crawl.Frontier on PostgreSQL, each
// test in a schema of its own.
func TestFrontierSuite(t *testing.T) {
	frontiertest.Run(t, func(t *testing.T) frontiertest.Opener {
		dsn := pgtest.DSN(t)
		return frontiertest.Opener{
			Open: func() crawl.Frontier {
				f, err := pgstore.OpenFrontier(context.Background(), dsn, pgstore.FrontierOptions{})
				if err != nil {
					t.Fatal(err)
				}
				return f
			},
			Close: func(cf crawl.Frontier) {
				if err := cf.(*pgstore.Frontier).Close(); err != nil {
					t.Error(err)
				}
			},
		}
	})
}
