package sitesim

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestWideHierarchy builds the real network's size and checks its shape:
// the levels in the real proportions, unique hosts and names, the full
// lineage of every generated site, every county CMS and charset among
// the generated counties, every site linked from its parent's homepage,
// the same table from the same seed, and memory per site, not per article.
func TestWideHierarchy(t *testing.T) {
	heap := heapNow()
	sim := New(Options{Seed: 3, Sites: 3200, Articles: 12800})
	grown := int64(heapNow()) - int64(heap)
	if grown > 40<<20 {
		t.Errorf("a 3,200-site simulation takes %d MB, want < 40", grown>>20)
	}
	sites := sim.Sites()
	if len(sites) != 3200 {
		t.Fatalf("%d sites, want 3200", len(sites))
	}
	levels := map[string]int{}
	hosts, names, shorts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	byHost := map[string]Site{}
	for _, s := range sites {
		levels[s.Level]++
		byHost[s.Host] = s
		if hosts[s.Host] || names[s.Name] {
			t.Errorf("%s %s: host or name used twice", s.Host, s.Name)
		}
		hosts[s.Host], names[s.Name] = true, true
		short := sim.byHost[s.Host].short
		if shorts[short] {
			t.Errorf("%s: place %s used twice", s.Host, short)
		}
		shorts[short] = true
		if !strings.HasSuffix(s.Host, ".wenming.cn") && !strings.HasSuffix(s.Host, ".gov.cn") {
			t.Errorf("%s: not a 文明网 host", s.Host)
		}
		if !strings.HasSuffix(s.Name, "文明网") {
			t.Errorf("%s: name %s", s.Host, s.Name)
		}
	}
	if levels["national"] != 1 || levels["province"] != 31 || levels["city"] < 300 || levels["city"] > 360 || levels["county"] < 2700 {
		t.Errorf("levels %v, want 1 national, 31 provinces, ~330 cities, ~2,800 counties", levels)
	}
	above := map[string]string{"province": "national", "city": "province", "county": "city"}
	kinds := map[string]bool{}
	for _, s := range sim.sites[18:] {
		if got := len(s.lineage); got != map[string]int{"province": 2, "city": 3, "county": 4}[s.Level] {
			t.Errorf("%s (%s): lineage of %d sites", s.Host, s.Level, got)
		}
		if p := byHost[s.ParentHost]; p.Level != above[s.Level] {
			t.Errorf("%s (%s) under %s (%s)", s.Host, s.Level, p.Host, p.Level)
		}
		if s.Level == "county" {
			kinds[s.CMS+"/"+s.Charset+"/"+s.HeaderCharset+"/"+s.MetaCharset] = true
		}
	}
	for _, s := range sim.sites[:18] {
		if s.Level == "county" && !kinds[s.CMS+"/"+s.Charset+"/"+s.HeaderCharset+"/"+s.MetaCharset] {
			t.Errorf("no generated county like %s (%s, %s, header %q, meta %s)", s.Host, s.CMS, s.Charset, s.HeaderCharset, s.MetaCharset)
		}
	}

	// every site is linked from its parent's homepage
	linked := map[string]map[string]bool{}
	for _, s := range sites {
		if s.ParentHost == "" {
			continue
		}
		if linked[s.ParentHost] == nil {
			code, _, body := get(t, sim, "GET", byHost[s.ParentHost].Home)
			if code != 200 {
				t.Fatalf("GET %s = %d", byHost[s.ParentHost].Home, code)
			}
			linked[s.ParentHost] = map[string]bool{}
			for _, l := range links(byHost[s.ParentHost].Home, body) {
				linked[s.ParentHost][l.String()] = true
			}
		}
		if !linked[s.ParentHost][s.Home] {
			t.Errorf("%s is not linked from its parent %s", s.Home, s.ParentHost)
		}
	}

	if again := New(Options{Seed: 3, Sites: 3200}).Sites(); !slices.Equal(again, sites) {
		t.Error("the same seed built another hierarchy")
	}
	other := New(Options{Seed: 4, Sites: 3200}).Sites()
	if other[len(other)-1].Host == sites[len(sites)-1].Host && other[len(other)-1].Name == sites[len(sites)-1].Name {
		t.Error("another seed built the same names")
	}
	t.Logf("levels %v; %d county kinds; %d traps; %d KB", levels, len(kinds), len(sim.Traps()), grown>>10)
}

// TestPoliteCrawlWide walks a 150-site hierarchy as TestPoliteCrawlReachesEveryArticle
// walks the fixed one: every allowed article is reachable, and each trap
// costs the few pages ordinary pages link, on the generated sites as on
// the fixed ones.
func TestPoliteCrawlWide(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 11, Sites: 150, Articles: 600})
	want := map[string]bool{}
	sim.ForEachArticle(func(tr Truth) bool {
		if !tr.Disallowed {
			want[tr.URL] = true
		}
		return true
	})
	found := map[string]bool{}
	hosts := map[string]bool{}
	fetches := 0
	politeWalk(t, sim, func(u *url.URL, code int, trap bool) {
		fetches++
		hosts[u.Hostname()] = true
		if tr, ok := sim.Truth(u.String()); ok && code == 200 && !trap {
			found[tr.URL] = true
		}
	}, func(string) {})
	for u := range want {
		if !found[u] {
			t.Errorf("article %s not reachable", u)
		}
	}
	if len(hosts) != 150 {
		t.Errorf("the walk reached %d hosts, want 150", len(hosts))
	}
	traps := sim.TrapRequests()
	if len(traps) <= len(trapTable) {
		t.Errorf("%d traps: the generated sites carry none", len(traps))
	}
	for k, n := range traps {
		if n > 12 {
			t.Errorf("trap %s: %d pages", k, n)
		}
	}
	t.Logf("%d fetches, %d articles, %d hosts, %d traps", fetches, len(found), len(hosts), len(traps))
}
