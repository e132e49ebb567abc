package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCompareFlagsASourceDrop(t *testing.T) {
	fig := func(f1 float64, dates int) Figures {
		return Figures{Pages: 2, BodyPages: 2, F1: f1, Dates: 2, DatesRight: dates, Authors: 2, AuthorsRight: 1, Origins: 2, OriginsRight: 1}
	}
	withOrigins := func(f Figures, right int) Figures {
		f.OriginsRight = right
		return f
	}
	withAuthors := func(f Figures, right int) Figures {
		f.AuthorsRight = right
		return f
	}
	base := map[string]CorpusFigures{
		"c": {Figures: fig(0.9000, 2), Sources: map[string]Figures{"a": fig(0.8000, 1), "b": fig(0.9500, 1)}},
	}
	tests := []struct {
		name string
		now  CorpusFigures
		want map[string]bool // dropped, per source ("all": the corpus)
	}{
		{"same", base["c"], map[string]bool{"all": false, "a": false, "b": false}},
		{"one source down, mean held by another",
			CorpusFigures{Figures: fig(0.9000, 2), Sources: map[string]Figures{"a": fig(0.8200, 1), "b": fig(0.9300, 1)}},
			map[string]bool{"all": false, "a": false, "b": true}},
		{"rounding noise is no drop",
			CorpusFigures{Figures: fig(0.8999, 2), Sources: map[string]Figures{"a": fig(0.7999, 1), "b": fig(0.9499, 1)}},
			map[string]bool{"all": false, "a": false, "b": false}},
		{"two units of the last decimal are a drop",
			CorpusFigures{Figures: fig(0.8998, 2), Sources: map[string]Figures{"a": fig(0.8000, 1), "b": fig(0.9500, 1)}},
			map[string]bool{"all": true, "a": false, "b": false}},
		{"a date lost on a source",
			CorpusFigures{Figures: fig(0.9000, 2), Sources: map[string]Figures{"a": fig(0.8000, 0), "b": fig(0.9500, 2)}},
			map[string]bool{"all": false, "a": true, "b": false}},
		{"a credited source lost on a source",
			CorpusFigures{Figures: fig(0.9000, 2), Sources: map[string]Figures{"a": withOrigins(fig(0.8000, 1), 0), "b": fig(0.9500, 1)}},
			map[string]bool{"all": false, "a": true, "b": false}},
		{"an author lost on a source",
			CorpusFigures{Figures: fig(0.9000, 2), Sources: map[string]Figures{"a": withAuthors(fig(0.8000, 1), 0), "b": fig(0.9500, 1)}},
			map[string]bool{"all": false, "a": true, "b": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, d := range compare(base, map[string]CorpusFigures{"c": tt.now}) {
				got[d.Source] = len(d.Dropped) > 0
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("dropped %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBaselineKeepsSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	want := map[string]CorpusFigures{
		"c": {Figures: Figures{Pages: 3, F1: 0.9}, Sources: map[string]Figures{"a": {Pages: 1, F1: 0.8}, "b": {Pages: 2, F1: 0.95}}},
		"d": {Figures: Figures{Pages: 1, F1: 0.5}},
	}
	if err := writeBaseline(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := readBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}

// TestHeldoutCorpusAdded checks that the held-out corpus joins the
// corpora of a folder of corpora, and not a single corpus named alone.
func TestHeldoutCorpusAdded(t *testing.T) {
	root := t.TempDir()
	page := []byte(`<html><head><title>t</title></head><body><p>正文。</p></body></html>`)
	mk := func(dir string) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "p.html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
		line := `{"id":"p","source":"family","html":"p.html","gt":{"content":"正文。","source":"县委宣传部"}}` + "\n"
		if err := os.WriteFile(filepath.Join(dir, "manifest.jsonl"), []byte(line), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	corpora, heldout := filepath.Join(root, "corpora"), filepath.Join(root, "heldout")
	mk(filepath.Join(corpora, "a"))
	mk(heldout)
	for _, tt := range []struct {
		dir, heldout string
		want         []string
	}{
		{corpora, heldout, []string{"a", "heldout"}},
		{corpora, "", []string{"a"}},
		{filepath.Join(corpora, "a"), heldout, []string{"a"}},
	} {
		_, names, byCorpus, err := loadItems(tt.dir, tt.heldout)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(names, tt.want) {
			t.Errorf("loadItems(%s, %q): corpora %v, want %v", tt.dir, tt.heldout, names, tt.want)
		}
		if items := byCorpus[names[len(names)-1]]; len(items) != 1 || items[0].page.Truth.Origin != "县委宣传部" {
			t.Errorf("loadItems(%s, %q): the page or its credited source was not read", tt.dir, tt.heldout)
		}
	}
}
