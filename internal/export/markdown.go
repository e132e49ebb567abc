package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/wenming-archive/wenming/internal/article"
)

// FrontMatter is the YAML front matter of an article in the Markdown
// export: every field of the [Record] but the body, the lineage as a list
// of sites (national first).
type FrontMatter struct {
	URL                string                  `yaml:"url"`
	Site               string                  `yaml:"site"`
	SiteName           string                  `yaml:"site_name"`
	Level              article.Level           `yaml:"level"`
	Lineage            []FrontMatterSite       `yaml:"lineage"`
	Column             string                  `yaml:"column"`
	Title              string                  `yaml:"title"`
	Published          *time.Time              `yaml:"published"`
	PublishedPrecision *article.Precision      `yaml:"published_precision"`
	Views              *int64                  `yaml:"views"`
	Source             string                  `yaml:"source"`
	Author             string                  `yaml:"author"`
	Editor             string                  `yaml:"editor"`
	FetchedAt          *time.Time              `yaml:"fetched_at"`
	ViewHistory        []FrontMatterViews      `yaml:"view_history"`
	Capture            *FrontMatterCapture     `yaml:"capture,omitempty"`
	Aliases            []string                `yaml:"aliases,omitempty"`     // the other URLs of the article
	Attachments        []FrontMatterAttachment `yaml:"attachments,omitempty"` // the documents it links (附件)
	// Removed and PastRemovals: the article removed at the source (see
	// Record).
	Removed      *FrontMatterRemoval  `yaml:"removed,omitempty"`
	PastRemovals []FrontMatterRemoval `yaml:"past_removals,omitempty"`
}

// FrontMatterRemoval is a removal at the source in the front matter: the
// fields of article.Removal, the capture's location flattened.
type FrontMatterRemoval struct {
	Since       time.Time  `yaml:"since"`
	Seen        time.Time  `yaml:"seen"`
	LastPresent time.Time  `yaml:"last_present"`
	Status      int        `yaml:"status"`
	Answer      string     `yaml:"answer"`
	CaptureURL  string     `yaml:"capture_url"`
	CaptureTime time.Time  `yaml:"capture_time"`
	CaptureFile string     `yaml:"capture_file,omitempty"`
	Offset      int64      `yaml:"capture_offset,omitempty"`
	Length      int64      `yaml:"capture_length,omitempty"`
	Returned    *time.Time `yaml:"returned,omitempty"`
}

// newFrontMatterRemoval is r in the front matter.
func newFrontMatterRemoval(r article.Removal) FrontMatterRemoval {
	m := FrontMatterRemoval{Since: r.Since, Seen: r.Seen, LastPresent: r.LastPresent, Status: r.Status, Answer: r.Answer,
		CaptureURL: r.CaptureURL, CaptureTime: r.CaptureTime}
	if c := r.Capture; c != nil {
		m.CaptureFile, m.Offset, m.Length = c.File, c.Offset, c.Length
	}
	if !r.Returned.IsZero() {
		m.Returned = &r.Returned
	}
	return m
}

// FrontMatterAttachment is one attachment in the front matter.
type FrontMatterAttachment struct {
	URL  string `yaml:"url"`
	Name string `yaml:"name,omitempty"`
}

// FrontMatterSite is one site of the lineage in the front matter.
type FrontMatterSite struct {
	Name  string        `yaml:"name"`
	Host  string        `yaml:"host"`
	Level article.Level `yaml:"level"`
}

// FrontMatterViews is one observed view count.
type FrontMatterViews struct {
	At    time.Time `yaml:"at"`
	Views int64     `yaml:"views"`
}

// FrontMatterCapture locates the raw capture in the source archive's WARC files.
type FrontMatterCapture struct {
	File   string    `yaml:"file"`
	Offset int64     `yaml:"offset"`
	Length int64     `yaml:"length"`
	Time   time.Time `yaml:"time"`
}

// NewFrontMatter is the front matter of an article.
func NewFrontMatter(a *article.Article) FrontMatter {
	r := NewRecord(a)
	fm := FrontMatter{
		URL: r.URL, Site: r.Site, SiteName: r.SiteName, Level: r.Level, Lineage: []FrontMatterSite{},
		Column: r.Column, Title: r.Title, Published: r.Published, PublishedPrecision: r.PublishedPrecision,
		Views: r.Views, Source: r.Source, Author: r.Author, Editor: r.Editor, FetchedAt: r.FetchedAt,
		ViewHistory: []FrontMatterViews{}, Aliases: r.Aliases,
	}
	for _, at := range r.Attachments {
		fm.Attachments = append(fm.Attachments, FrontMatterAttachment{URL: at.URL, Name: at.Name})
	}
	for _, s := range r.Lineage {
		fm.Lineage = append(fm.Lineage, FrontMatterSite{Name: s.Name, Host: s.Host, Level: s.Level})
	}
	for _, v := range r.ViewHistory {
		fm.ViewHistory = append(fm.ViewHistory, FrontMatterViews{At: v.At, Views: v.Views})
	}
	if c := r.Capture; c != nil {
		fm.Capture = &FrontMatterCapture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time.UTC()} // zero when out of range (see Record)
	}
	if r.Removed != nil {
		m := newFrontMatterRemoval(*r.Removed)
		fm.Removed = &m
	}
	for _, p := range r.PastRemovals {
		fm.PastRemovals = append(fm.PastRemovals, newFrontMatterRemoval(p))
	}
	return fm
}

// MarkdownFile is the whole file of an article: "---", the YAML front
// matter, "---", the title as a heading and the body one paragraph per
// line of the article's body. Text that Markdown would read as markup is
// escaped with backslashes.
func MarkdownFile(a *article.Article) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(NewFrontMatter(a)); err != nil {
		return nil, fmt.Errorf("front matter of %s: %w", a.URL, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter of %s: %w", a.URL, err)
	}
	buf.WriteString("---\n")
	if t := strings.TrimSpace(a.Title); t != "" {
		buf.WriteString("\n# " + escapeMarkdown(strings.Join(strings.Fields(t), " ")) + "\n")
	}
	for _, p := range strings.Split(a.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			buf.WriteString("\n" + escapeMarkdown(p) + "\n")
		}
	}
	return buf.Bytes(), nil
}

// inlineEscaper escapes the characters that start inline markup or HTML.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`, `&`, `\&`,
)

// escapeMarkdown escapes one line of text so that it renders as itself:
// inline markup characters everywhere, and a leading block marker (#, -,
// +, =, "1." …).
func escapeMarkdown(s string) string {
	s = inlineEscaper.Replace(s)
	switch {
	case s == "":
	case strings.ContainsRune("#-+=", rune(s[0])):
		s = `\` + s
	default:
		i := 0
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
			s = s[:i] + `\` + s[i:]
		}
	}
	return s
}

// Markdown writes one file per article into dir (which must exist), at
// [MarkdownPath]. A name already taken (the same title and a colliding
// short hash) gets the longer hash, so no file is overwritten. It returns
// how many articles it wrote.
func Markdown(ctx context.Context, dir string, src Source) (int, error) {
	made := map[string]bool{} // folders created (a few per site and year)
	n, err := src.each(ctx, func(a *article.Article) error {
		data, err := MarkdownFile(a)
		if err != nil {
			return err
		}
		folder := filepath.Join(append([]string{dir}, markdownFolders(a)...)...)
		if !made[folder] {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return err
			}
			made[folder] = true
		}
		return writeNew(folder, a, data)
	})
	if err != nil {
		return n, fmt.Errorf("export markdown: %w", err)
	}
	return n, nil
}

// writeNew writes data to a file of folder that does not exist yet.
func writeNew(folder string, a *article.Article, data []byte) error {
	for _, n := range []int{hashLen, 2 * hashLen, 64} {
		path := filepath.Join(folder, markdownFile(a, n))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return fmt.Errorf("%s: the same article twice", filepath.Join(folder, markdownFile(a, hashLen)))
}
