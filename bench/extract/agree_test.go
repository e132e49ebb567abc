package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAgreeCompare(t *testing.T) {
	story := strings.Repeat("县文明办组织志愿者走进社区，为老人打扫庭院、整理房间。", 6)
	menu := strings.Repeat("首页 新闻 图片 视频 专题 ", 8)
	tests := []struct {
		name                  string
		w, r, tr              agreeOutput
		gap                   bool
		titleOdd, dayOdd, prt bool
	}{
		{"all agree",
			agreeOutput{Extractor: "wenming", Title: "标题", Day: "2024-03-05", body: story},
			agreeOutput{Extractor: "readability", Title: "标题_某某网", body: story},
			agreeOutput{Extractor: "trafilatura", Title: "标题", Day: "2024-03-05", body: story},
			false, false, false, false},
		{"wenming off the peers' body, title and day",
			agreeOutput{Extractor: "wenming", Title: "新闻动态", Day: "2024-03-06", body: menu},
			agreeOutput{Extractor: "readability", Title: "标题", Day: "2024-03-05", body: story},
			agreeOutput{Extractor: "trafilatura", Title: "标题", body: story + "。"},
			true, true, true, false},
		{"peers part, wenming with one",
			agreeOutput{Extractor: "wenming", Title: "标题", body: story},
			agreeOutput{Extractor: "readability", Title: "标题", body: story},
			agreeOutput{Extractor: "trafilatura", Title: "标题", body: menu},
			false, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := agreePage{File: "a.html", Outputs: []agreeOutput{tt.w, tt.r, tt.tr}, PairF1: map[string]float64{}}
			p.compare()
			if (p.Gap > 0.05) != tt.gap || p.TitleOdd != tt.titleOdd || p.DayOdd != tt.dayOdd || p.PeersPart != tt.prt {
				t.Errorf("gap %.3f title odd %v day odd %v peers part %v; want gap %v, %v, %v, %v (pairs %v)",
					p.Gap, p.TitleOdd, p.DayOdd, p.PeersPart, tt.gap, tt.titleOdd, tt.dayOdd, tt.prt, p.PairF1)
			}
		})
	}
}

func TestAgreeFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := agree(dir, extractors, false); err == nil || !strings.Contains(err.Error(), "no .html") {
		t.Fatalf("empty folder: err %v, want no .html file", err)
	}
	page := `<html><head><title>社区志愿服务进行时_某某文明网</title></head><body><h1>社区志愿服务进行时</h1>
<p>发布时间：2024-03-05 09:30</p><div class="content"><p>` + strings.Repeat("县文明办组织志愿者走进社区，为老人打扫庭院、整理房间。", 8) + `</p></div></body></html>`
	for _, name := range []string{"b.html", "a.htm", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := agree(dir, extractors, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2 (.html and .htm only)", len(pages))
	}
	for _, p := range pages {
		if len(p.Outputs) != 3 || len(p.PairF1) != 3 {
			t.Fatalf("%s: %d outputs, %d pairs; want 3 and 3", p.File, len(p.Outputs), len(p.PairF1))
		}
		if w := p.Outputs[0]; w.Title != "社区志愿服务进行时" || w.Day != "2024-03-05" || w.Runes < 100 {
			t.Errorf("%s: wenming %q %q %d runes", p.File, w.Title, w.Day, w.Runes)
		}
	}
	var b strings.Builder
	if err := writeAgree(&b, dir, pages); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "2 pages: wenming's body off the peers' agreement by more than 0.05 on 0") {
		t.Errorf("summary missing:\n%s", b.String())
	}
}
