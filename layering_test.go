package wenming_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/wenming-archive/wenming/"

// allowedDeps lists, for each package, the packages of this module it may
// depend on (directly or through others; tests aside). Data flows one way:
// fetch (crawl, frontier) → extract → archive and records (archive, store)
// → index → search and export (server, export); pipeline wires the stages
// and cmd the commands. A stage that reaches for a later one, or the
// simulation that reaches into the crawler it tests, fails here.
var allowedDeps = map[string][]string{
	"internal/article":          {},
	"internal/extract/htmltree": {},
	"internal/literalscan":      {},
	"internal/cms":              {}, // what the archive knows about each CMS, asked by extract and crawl
	"internal/robots":           {}, // robots.txt read and matched as RFC 9309 says, asked by crawl
	"internal/contentcoding":    {}, // Content-Encoding undone as servers send it, by crawl and replay alike
	"internal/warc":             {"internal/atomicfile"},
	"internal/boltfile":         {},
	// writes a file whole or not at all
	"internal/atomicfile": {},
	// test support for the packages keeping a bbolt file (and measuring
	// its map)
	"internal/boltfile/bolttest": {"internal/proctest"},
	"internal/childtest":         {},
	"internal/copytest":          {},
	"internal/damagetest":        {},
	"internal/frontier":          {"internal/boltfile"},
	"internal/runs":              {},
	"internal/metrics":           {},
	"internal/sitesim":           {},
	"index":                      {},
	"internal/config":            {"internal/article", "internal/schedule"},
	"internal/schedule":          {"internal/article"},
	"internal/store":             {"internal/article", "internal/boltfile"},
	// the records and crawl state in PostgreSQL, shared by workers
	"internal/pgstore":        {"internal/article", "internal/store", "internal/boltfile", "internal/frontier", "internal/runs"},
	"internal/pgstore/pgtest": {},
	"internal/extract":        {"internal/article", "internal/extract/htmltree", "internal/literalscan", "internal/cms"},
	"internal/extract/corpus": {"internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms"},
	"internal/crawl":          {"internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/frontier", "internal/boltfile", "internal/atomicfile", "internal/robots", "internal/contentcoding"},
	// archive owns the archive directory (and opens the records in
	// PostgreSQL, whose package keeps the shared frontier too): its layout, its records and
	// index opened and mended together, its crawl state, WARC recorder and
	// run log handed to the holder, and reads shared with other
	// processes while one holds it.
	"internal/archive": {"internal/frontier", "internal/pgstore", "internal/article", "internal/store", "internal/boltfile", "internal/atomicfile", "index", "internal/runs", "internal/warc"},
	// the suite every archive.Records runs
	"internal/archive/recordstest": {"internal/frontier", "internal/pgstore", "internal/article", "internal/store", "internal/boltfile", "internal/atomicfile", "index", "internal/runs", "internal/warc", "internal/archive"},
	// the suite every crawl.Frontier runs
	"internal/crawl/frontiertest": {"internal/pgstore", "internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/frontier", "internal/boltfile", "internal/atomicfile", "internal/crawl", "internal/robots", "internal/contentcoding"},
	"internal/export":             {"internal/article", "internal/atomicfile", "internal/warc", "internal/store", "internal/boltfile"},
	// replay reads a capture from the WARC files and rewrites its HTML,
	// decoding it as the extractor does.
	"internal/replay": {"internal/article", "internal/atomicfile", "internal/warc", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/contentcoding"},
	"internal/server": {"internal/article", "internal/atomicfile", "internal/warc", "internal/store", "internal/boltfile", "internal/export", "index",
		"internal/replay", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/metrics", "internal/runs", "internal/contentcoding"},
	"internal/server/searchtest": {"internal/article", "internal/atomicfile", "internal/warc", "internal/store", "internal/boltfile", "internal/export", "index",
		"internal/replay", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/metrics", "internal/runs", "internal/server", "internal/contentcoding"},
	"internal/pipeline": {"internal/pgstore", "internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/crawl",
		"internal/frontier", "internal/boltfile", "internal/atomicfile", "internal/warc", "internal/store", "index", "internal/config", "internal/runs", "internal/schedule", "internal/archive", "internal/robots", "internal/contentcoding"},
	// test support: the simulation crawled with the pipeline
	"internal/pipeline/pipelinetest": {"internal/pgstore", "internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/crawl",
		"internal/frontier", "internal/boltfile", "internal/atomicfile", "internal/warc", "internal/store", "index", "internal/config", "internal/runs", "internal/schedule", "internal/pipeline", "internal/archive", "internal/robots", "internal/contentcoding"},
	// check verifies every stage's files against the others, and mends
	// the index the way the pipeline does.
	"internal/check": {"internal/pgstore", "internal/article", "internal/extract", "internal/extract/htmltree", "internal/literalscan", "internal/cms", "internal/crawl",
		"internal/frontier", "internal/boltfile", "internal/atomicfile", "internal/warc", "internal/store", "index", "internal/config", "internal/runs", "internal/schedule", "internal/pipeline", "internal/archive", "internal/robots", "internal/contentcoding"},
	// test and benchmark support: measures of this process
	"internal/proctest": {},
	// test support: a proxy's CONNECT tunnel to a TLS test server
	"internal/proxytest": {},
	"internal/filelock":  {},
}

// anyStage lists the packages every package may use: they wrap the
// operating system and know nothing of any stage.
var anyStage = []string{
	"internal/filelock", // advisory file locks on Unix and Windows
}

// TestLayering checks every package's dependencies against allowedDeps
// with go list, and that every package is listed.
func TestLayering(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, ok := strings.CutPrefix(fields[0], module)
		if !ok || strings.HasPrefix(pkg, "cmd/") || fields[0]+"/" == module {
			continue // the commands may use everything
		}
		allowed, listed := allowedDeps[pkg]
		if !listed {
			t.Errorf("package %s is not in allowedDeps: say which stages it may use", pkg)
			continue
		}
		for _, dep := range fields[1:] {
			d, ok := strings.CutPrefix(dep, module)
			if ok && !slices.Contains(allowed, d) && !slices.Contains(anyStage, d) {
				t.Errorf("%s depends on %s, which it must not (allowed: %v)", pkg, d, allowed)
			}
		}
	}
}

// behindSeams lists, for a package, the packages of this module it may
// reach only through another (its imports, tests aside, must not name
// them): the pipeline gets the records, the shared run and the shared
// frontier in PostgreSQL through package archive, as it does those of an
// archive directory.
var behindSeams = map[string][]string{
	"internal/pipeline": {"internal/pgstore", "internal/frontier"},
}

// TestSeams checks the direct imports of the packages in behindSeams.
func TestSeams(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	for pkg, hidden := range behindSeams {
		out, err := exec.Command(goTool, "list", "-f", `{{join .Imports " "}}`, "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, imp := range strings.Fields(string(out)) {
			if d, ok := strings.CutPrefix(imp, module); ok && slices.Contains(hidden, d) {
				t.Errorf("%s imports %s, which it must reach through its seam", pkg, d)
			}
		}
	}
}
