package config

import (
	"path/filepath"
	"testing"
)

// TestRemovalSweepKey: crawl.removal_sweep is DefaultRemovalSweep unless
// set, 0 turns the sweep off, and a negative number, one past
// MaxRemovalSweep or one that is no number is an error naming the key at
// its file and line. The shipped config.yaml shows the default.
func TestRemovalSweepKey(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		yaml  string
		want  int
		line  int    // of the error; 0: none
		names string // what the error names
	}{
		{"crawl:\n  workers: 2\n", DefaultRemovalSweep, 0, ""},
		{"crawl:\n  removal_sweep: 0\n", 0, 0, ""},
		{"crawl:\n  removal_sweep: 500\n", 500, 0, ""},
		{"crawl:\n  removal_sweep: -1\n", 0, 2, "crawl.removal_sweep"},
		{"crawl:\n  removal_sweep: 1000000\n", 0, 2, "crawl.removal_sweep"},
		{"crawl:\n  removal_sweep: 90d\n", 0, 2, "90d"},
	} {
		path := writeCase(t, dir, i, tc.yaml)
		cfg, err := Load(path)
		if tc.line == 0 && (err != nil || cfg.Crawl.RemovalSweep == nil || *cfg.Crawl.RemovalSweep != tc.want) {
			t.Errorf("%q: removal_sweep = %v, %v; want %d", tc.yaml, cfg.Crawl.RemovalSweep, err, tc.want)
		}
		if tc.line > 0 {
			wantError(t, err, path, tc.line, tc.names)
		}
	}
	cfg, err := Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil || *cfg.Crawl.RemovalSweep != DefaultRemovalSweep {
		t.Errorf("shipped config.yaml: removal_sweep %v, %v; want %d", cfg.Crawl.RemovalSweep, err, DefaultRemovalSweep)
	}
}
