package main

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestCrawlSite: "crawl --site" on a new archive crawls a listed site
// alone, with its articles' whole lineage; a site not known yet is a
// usage error with close matches; once known (here from the first site's
// top strip) a city site is crawled with its county sites and nothing
// else.
func TestCrawlSite(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the simulation")
	}
	srv, addr := testSim(t, simOptions{articles: 120, seed: 3, calm: true})
	cfg, data := archiveConfig(t, `seeds:
  - url: http://www.wenming.cn/
sites:
  - url: http://hb.wenming.cn/
    name: 河北文明网
    level: province
    parent: www.wenming.cn
  - url: http://www.ngwm.gov.cn/
    name: 南宫文明网
    level: county
    parent: xt.wenming.cn
crawl:
  proxy: http://%s
  delay: 0s
  random_delay: 0s
  per_host: 2
`, addr)

	for _, c := range []struct{ site, want string }{
		{"xt.wenming.cn", "--site xt.wenming.cn is not a known site"},
		{"hb.wenmng.cn", "did you mean hb.wenming.cn (河北文明网)?"},
		{"邢台文明网", "--site 邢台文明网 is not a known site"},
	} {
		code, out, errOut := wenming(t, "crawl", "--config", cfg, "--site", c.site)
		if code != exitUsage || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("crawl --site %s on a new archive: code %d, out %q, err %q; want %d and %q", c.site, code, out, errOut, exitUsage, c.want)
		}
	}
	if code, _, errOut := wenming(t, "crawl", "--config", cfg, "xt.wenming.cn"); code != exitUsage || !strings.Contains(errOut, "--site") {
		t.Errorf("crawl HOST: code %d, err %q", code, errOut)
	}

	// A listed county site, by its name, on the new archive.
	out := wenmingOK(t, "crawl", "--config", cfg, "--site", "南宫", "--json")
	var rep struct {
		Only            []string `json:"only"`
		ArticlesNew     int      `json:"articles_new"`
		SitesUnanswered []string `json:"sites_unanswered"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || !slices.Equal(rep.Only, []string{"www.ngwm.gov.cn"}) {
		t.Fatalf("crawl --site 南宫 --json: only %v (%v)\n%s", rep.Only, err, out)
	}
	// The sites its pages list (its city's other counties, in its 友情链接)
	// are out of the crawl's scope: not read, and not reported as sites
	// that never answered.
	if rep.SitesUnanswered == nil || len(rep.SitesUnanswered) > 0 {
		t.Errorf("crawl --site 南宫: sites_unanswered %v, want [] (the sites it lists are out of its scope)", rep.SitesUnanswered)
	}
	want := simArticles(srv.sim, "www.ngwm.gov.cn")
	got := archivedArticles(t, data)
	if len(want) == 0 || !sameKeys(got, want) {
		t.Errorf("crawl --site 南宫 archived %d articles, the simulation has %d on www.ngwm.gov.cn:\narchived %v\nwant %v", len(got), len(want), keys(got), keys(want))
	}
	for u, lineage := range got {
		if lineage != "中国文明网 > 河北文明网 > 邢台文明网 > 南宫文明网" {
			t.Errorf("%s: lineage %q", u, lineage)
			break
		}
	}

	// The city site is known now (the county site's top strip named it).
	code, out, errOut := wenming(t, "crawl", "--config", cfg, "--site", "http://XT.wenming.cn/")
	if code != exitOK || !strings.Contains(out, "only      xt.wenming.cn and the sites below") {
		t.Fatalf("crawl --site xt: code %d\n%s\n%s", code, out, errOut)
	}
	// The sites of the network its 友情链接 tab box lists are out of
	// its scope: not read, and not reported as sites that never answered.
	if strings.Contains(out, "never answered") {
		t.Errorf("crawl --site xt reports sites out of its scope as never answering:\n%s", out)
	}
	var counties []string
	for _, s := range srv.sim.Sites() {
		if s.ParentHost == "xt.wenming.cn" {
			counties = append(counties, s.Host)
		}
	}
	want = simArticles(srv.sim, append(counties, "xt.wenming.cn")...)
	got = archivedArticles(t, data)
	if len(counties) < 2 || !sameKeys(got, want) {
		t.Errorf("after crawl --site xt.wenming.cn: %d articles archived, the simulation has %d on xt.wenming.cn and its counties %v:\narchived %v\nwant %v", len(got), len(want), counties, keys(got), keys(want))
	}
	list, err := runs.Read(data)
	if err != nil || len(list) != 2 || list[1].Group != "site-xt.wenming.cn" {
		t.Errorf("run log: %v, %+v", err, list)
	}
}

// simArticles are the articles of the simulation on these hosts that a
// crawler may fetch: canonical URL → lineage.
func simArticles(sim *sitesim.Sim, hosts ...string) map[string]string {
	out := map[string]string{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if slices.Contains(hosts, tr.Host) && !tr.Disallowed {
			out[tr.URL] = strings.Join(tr.Lineage, " > ")
		}
		return true
	})
	return out
}

// archivedArticles are the records of an archive: URL → lineage.
func archivedArticles(t *testing.T, data string) map[string]string {
	t.Helper()
	type record struct {
		URL     string `json:"url"`
		Lineage []struct {
			Name string `json:"name"`
		} `json:"lineage"`
	}
	got := map[string]string{}
	for _, rec := range jsonLines[record](t, wenmingOK(t, "export", "--data", data, "-o", "-")) {
		var names []string
		for _, s := range rec.Lineage {
			names = append(names, s.Name)
		}
		got[rec.URL] = strings.Join(names, " > ")
	}
	return got
}

func sameKeys(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
