package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestParseDefaults(t *testing.T) {
	cfg, err := Parse(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Crawl.Workers != 8 || cfg.Crawl.Delay != time.Second || len(cfg.Seeds) != 1 {
		t.Fatalf("defaults not applied: %+v", cfg)
	}
	if !*cfg.Crawl.FetchCounters {
		t.Fatal("fetch_counters should default to true")
	}
}

func TestShippedConfig(t *testing.T) {
	cfg, err := Load(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatalf("the shipped config.yaml must load: %v", err)
	}
	if cfg.Seeds[0].URL != "http://www.wenming.cn/" || cfg.Seeds[0].Level != article.National {
		t.Fatalf("seed: %+v", cfg.Seeds[0])
	}
	if len(cfg.Sites) == 0 {
		t.Fatal("shipped config lists no sites")
	}
}

func TestParseValues(t *testing.T) {
	cfg, err := Parse(strings.NewReader(`
seeds:
  - url: http://example.wenming.cn/
crawl:
  workers: 3
  delay: 250ms
  fetch_counters: false
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Seeds) != 1 || cfg.Seeds[0].URL != "http://example.wenming.cn/" || cfg.Seeds[0].Level != article.National {
		t.Fatalf("seeds replaced, level defaulted: %+v", cfg.Seeds)
	}
	if cfg.Crawl.Workers != 3 || cfg.Crawl.Delay != 250*time.Millisecond || *cfg.Crawl.FetchCounters {
		t.Fatalf("crawl: %+v", cfg.Crawl)
	}
	if cfg.Crawl.PerHost != 1 {
		t.Fatal("unset keys keep their defaults")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		want       string // in the message
	}{
		{"unknown key", "crawl:\n  worker: 3\n", 2, "unknown key worker"},
		{"bad type", "crawl:\n  workers: many\n", 2, "many"},
		{"bad duration", "crawl:\n  delay: soon\n", 2, "soon"},
		{"zero workers", "data: d\ncrawl:\n  workers: 0\n", 3, "crawl.workers"},
		{"bad level", "sites:\n  - url: http://a.cn/\n    name: 甲\n    level: town\n    parent: b.cn\n", 4, "sites[0].level"},
		{"missing parent", "sites:\n  - url: http://a.cn/\n    name: 甲\n    level: county\n", 2, "sites[0].parent"},
		{"bad seed url", "seeds:\n  - url: www.wenming.cn\n", 2, "seeds[0].url"},
		{"bad proxy", "crawl:\n  proxy: localhost\n", 2, "crawl.proxy"},
		{"bad size", "data: d\ncrawl:\n  min_free_space: lots\n", 3, "crawl.min_free_space"},
		{"negative size", "crawl:\n  min_free_space: -1GiB\n", 2, "crawl.min_free_space"},
		{"size as a list", "crawl:\n  min_free_space: [1]\n", 2, "crawl.min_free_space"},
		{"bad store", "data: d\nstore: localhost:5432\n", 2, "store: \"localhost:5432\" is not a PostgreSQL DSN"},
		{"short lease", "data: d\ncrawl:\n  lease: 100ms\n", 3, "crawl.lease"},
		{"syntax", "crawl:\n  workers: [1\n", 0, ""},
		// A value of the wrong type names its key and says what it wants.
		{"word for a number", "crawl:\n  workers: eight\n", 2, `crawl.workers: want a whole number, got "eight"`},
		{"number for a duration", "data: d\ncrawl:\n  timeout: 30\n", 3, `crawl.timeout: want a duration such as 500ms, 30s, 1m or 6h, got "30"`},
		{"list for a number", "scope:\n  max_pages_per_site: [1]\n", 2, "scope.max_pages_per_site: want a whole number, got a list"},
		{"word for a switch", "crawl:\n  fetch_counters: sometimes\n", 2, `crawl.fetch_counters: want true or false, got "sometimes"`},
		{"mapping for a list", "scope:\n  exclude_hosts:\n    a: b\n", 3, "scope.exclude_hosts: want a list, got keys"},
		{"unknown key named where it sits", "crawl:\n  workerz: 3\n", 2, "crawl: unknown key workerz"},
		{"tab", "crawl:\n\tworkers: 3\n", 2, "(the line holds a tab: YAML indents with spaces only)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *config.Error", err)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("line = %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestLoadNamesFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte("crawl:\n  delya: 1s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(p)
	if err == nil || !strings.HasPrefix(err.Error(), p+":2: ") {
		t.Fatalf("want %s:2: prefix, got %v", p, err)
	}
}

func TestSchedule(t *testing.T) {
	cfg, err := Parse(strings.NewReader(`
schedule:
  - name: nightly
    cron: "0 2 * * *"
  - name: hebei
    cron: "@every 6h"
    sites: [hb.wenming.cn]
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Schedule) != 2 || cfg.Schedule[1].Sites[0] != "hb.wenming.cn" {
		t.Fatalf("schedule = %+v", cfg.Schedule)
	}
	for _, tt := range []struct{ yaml, key string }{
		{"schedule:\n  - name: x\n    cron: every night\n", "schedule[0].cron"},
		{"schedule:\n  - name: a b\n    cron: '@daily'\n", "schedule[0].name"},
		{"schedule:\n  - name: a\n    cron: '@daily'\n  - name: a\n    cron: '@daily'\n", "schedule[1].name"},
		{"schedule:\n  - name: a\n    cron: '@daily'\n    sites: [http://hb.wenming.cn/]\n", "schedule[0].sites[0]"},
	} {
		_, err := Parse(strings.NewReader(tt.yaml))
		var ce *Error
		if !errors.As(err, &ce) || ce.Key != tt.key || ce.Line == 0 {
			t.Errorf("%q: error %v, want key %s with a line", tt.yaml, err, tt.key)
		}
	}
}

func TestMinFreeSpace(t *testing.T) {
	cfg, err := Parse(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Crawl.MinFreeSpace != 1<<30 {
		t.Errorf("default min_free_space = %d, want 1GiB", cfg.Crawl.MinFreeSpace)
	}
	for _, tt := range []struct {
		yaml string
		want Size
	}{
		{"0", 0},
		{"1048576", 1 << 20},
		{"1GiB", 1 << 30},
		{"1.5 MiB", 3 << 19},
		{"500MB", 500e6},
		{"2GB", 2e9},
		{"64KiB", 64 << 10},
		{"'10 B'", 10},
	} {
		cfg, err := Parse(strings.NewReader("crawl:\n  min_free_space: " + tt.yaml + "\n"))
		if err != nil {
			t.Errorf("%s: %v", tt.yaml, err)
			continue
		}
		if cfg.Crawl.MinFreeSpace != tt.want {
			t.Errorf("%s = %d, want %d", tt.yaml, cfg.Crawl.MinFreeSpace, tt.want)
		}
	}
	for s, want := range map[Size]string{512: "512B", 1 << 30: "1GiB", 3 << 19: "1.5MiB", 0: "0B"} {
		if got := s.String(); got != want {
			t.Errorf("Size(%d).String() = %q, want %q", int64(s), got, want)
		}
	}
}
