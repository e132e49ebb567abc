package export_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
)

// frontMatter splits a Markdown file into its parsed front matter and body.
func frontMatter(t *testing.T, data []byte) (export.FrontMatter, string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		t.Fatalf("no front matter:\n%s", data)
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		t.Fatalf("front matter not closed:\n%s", data)
	}
	var fm export.FrontMatter
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		t.Fatalf("front matter does not parse: %v\n%s", err, head)
	}
	return fm, string(body)
}

func TestMarkdownRoundTrip(t *testing.T) {
	arts := samples()
	for _, title := range hostileTitles {
		a := *arts[1]
		a.URL += "?t=" + title
		a.Title = title
		arts = append(arts, &a)
	}
	dir := t.TempDir()
	n, err := export.Markdown(context.Background(), dir, sliceSource(arts))
	if err != nil || n != len(arts) {
		t.Fatalf("n=%d err=%v", n, err)
	}
	files := map[string]string{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fm, body := frontMatter(t, data)
		rel, _ := filepath.Rel(dir, path)
		files[fm.URL] = filepath.ToSlash(rel)
		for _, a := range arts {
			if a.URL != fm.URL {
				continue
			}
			want := export.NewFrontMatter(a)
			if !reflect.DeepEqual(normalize(fm), normalize(want)) {
				t.Errorf("%s: front matter\n got %+v\nwant %+v", rel, fm, want)
			}
			for _, p := range strings.Split(a.Body, "\n") {
				if p = strings.TrimSpace(p); p != "" && !strings.Contains(unescape(body), p) {
					t.Errorf("%s: body lacks paragraph %q:\n%s", rel, p, body)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(arts) {
		t.Fatalf("%d files for %d articles: %v", len(files), len(arts), files)
	}
	got := files[arts[0].URL]
	if !strings.HasPrefix(got, "中国文明网/河北文明网/邢台文明网/南宫文明网/2023/") || !strings.HasSuffix(got, ".md") {
		t.Errorf("path %q", got)
	}
	if got := files[arts[1].URL]; !strings.HasPrefix(got, "中国文明网/undated/无日期-") {
		t.Errorf("undated path %q", got)
	}
	for u, p := range files {
		for _, el := range strings.Split(p, "/") {
			checkSafe(t, el, u)
		}
	}
	// Markup in the body is escaped, not rendered.
	data, _ := os.ReadFile(filepath.Join(dir, files[arts[0].URL]))
	for _, want := range []string{`\# 不是标题`, `\- 不是列表`, `1\. 不是编号`, `\*强调\*`, `\<script\>`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("body lacks %q:\n%s", want, data)
		}
	}
}

// normalize makes times comparable with DeepEqual (same instant, same zone offset).
func normalize(fm export.FrontMatter) export.FrontMatter {
	if fm.Published != nil {
		p := fm.Published.UTC()
		fm.Published = &p
	}
	if fm.FetchedAt != nil {
		f := fm.FetchedAt.UTC()
		fm.FetchedAt = &f
	}
	for i := range fm.ViewHistory {
		fm.ViewHistory[i].At = fm.ViewHistory[i].At.UTC()
	}
	if fm.Capture != nil {
		c := *fm.Capture
		c.Time = c.Time.UTC()
		fm.Capture = &c
	}
	return fm
}

var unescaper = strings.NewReplacer(`\\`, `\`, "\\`", "`", `\*`, `*`, `\_`, `_`, `\[`, `[`, `\]`, `]`, `\<`, `<`, `\>`, `>`,
	`\|`, `|`, `\~`, `~`, `\&`, `&`, `\#`, `#`, `\-`, `-`, `\+`, `+`, `\=`, `=`, `\.`, `.`, `\)`, `)`)

func unescape(s string) string { return unescaper.Replace(s) }

var hostileTitles = []string{
	"../../etc", "..", ".", ".hidden", "CON", "con.txt", "nul", "COM1", "LPT9.md", "Aux ",
	`a/b\c:d*e?f"g<h>i|j`, "tab\there\nnewline\x00nul\x1b[31mred\x7f", "\u202etxt.exe", "   ",
	strings.Repeat("长", 100), strings.Repeat("a", 300), "trailing dots...", "\xff\xfe invalid utf8",
}

// checkSafe fails unless name is one valid path element on every system.
func checkSafe(t *testing.T, name, from string) {
	t.Helper()
	switch {
	case name == "" || name == "." || name == "..":
		t.Errorf("%q → %q", from, name)
	case strings.ContainsAny(name, `/\:*?"<>|`):
		t.Errorf("%q → %q has a forbidden character", from, name)
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, " ") || strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		t.Errorf("%q → %q starts or ends with a dot or space", from, name)
	case len(name) > 200:
		t.Errorf("%q → %q is %d bytes", from, name, len(name))
	case !utf8.ValidString(name):
		t.Errorf("%q → %q is not UTF-8", from, name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("%q → %q has control character %U", from, name, r)
		}
	}
	base, _, _ := strings.Cut(name, ".")
	switch strings.ToUpper(strings.TrimSpace(base)) {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9":
		t.Errorf("%q → %q is a Windows device name", from, name)
	}
}

func TestSafeName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"../../etc", "_.._etc"},
		{"..", "_"},
		{".hidden", "hidden"},
		{"CON", "_CON"},
		{"con.txt", "_con.txt"},
		{"Aux ", "_Aux"},
		{"COM1", "_COM1"},
		{"LPT9.md", "_LPT9.md"},
		{"CONSOLE", "CONSOLE"},
		{`a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j"},
		{"tab\there\nnew\x00nul\x1b[31m\x7fred", "tab here new nul [31m red"},
		{"\u202etxt.exe", "txt.exe"},
		{"   ", "_"},
		{"", "_"},
		{"trailing dots...", "trailing dots"},
		{"文明 实践", "文明 实践"},
	}
	for _, c := range cases {
		if got := export.SafeName(c.in, 120); got != c.want {
			t.Errorf("SafeName(%q) = %q, want %q", c.in, got, c.want)
		}
		checkSafe(t, export.SafeName(c.in, 120), c.in)
	}
	for _, in := range hostileTitles {
		checkSafe(t, export.SafeName(in, 120), in)
	}
	long := export.SafeName(strings.Repeat("长", 100), 120)
	if len(long) > 120 || !utf8.ValidString(long) || len(long) != 120 {
		t.Errorf("300-byte title → %d bytes %q", len(long), long)
	}
	if got := export.SafeName(strings.Repeat("a", 300), 120); len(got) != 120 {
		t.Errorf("300 a → %d bytes", len(got))
	}
	// File names: unique per URL even for equal titles, bounded in bytes.
	a := &article.Article{URL: "http://x.cn/1", Title: strings.Repeat("长", 200)}
	b := &article.Article{URL: "http://x.cn/2", Title: a.Title}
	pa, pb := export.MarkdownPath(a), export.MarkdownPath(b)
	if pa == pb {
		t.Errorf("equal titles, same path %q", pa)
	}
	for _, el := range strings.Split(pa, "/") {
		if len(el) > 255 {
			t.Errorf("path element of %d bytes", len(el))
		}
	}
}
