package export

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
)

// Bounds of the names the Markdown export makes, in bytes (most file
// systems allow 255 bytes per name; a Chinese character takes 3).
const (
	maxTitleBytes  = 120 // title part of a file name
	maxFolderBytes = 120 // one folder (a site name)
	hashLen        = 8   // hex digits of the URL hash in a file name
)

// reserved are the device names Windows refuses as a file's base name,
// whatever the extension ("CON.md" included).
var reserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM0": true, "COM1": true, "COM2": true, "COM3": true, "COM4": true,
	"COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT0": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true,
	"LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

// SafeName turns s into one path element that Linux, macOS and Windows
// all accept and that cannot climb out of its folder: / \ : * ? " < > |
// become "_", control and invisible formatting characters (bidi overrides
// included) are dropped or become spaces, runs of space collapse, leading
// dots and spaces and trailing dots and spaces go, a Windows device name
// (CON, nul.txt, COM1 …) gets a "_" in front, and the result is cut to at
// most maxBytes bytes at a character boundary (maxBytes < 8 counts as 8).
// An empty result is "_".
func SafeName(s string, maxBytes int) string {
	maxBytes = max(maxBytes, 8)
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			r = '_'
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	name := trimName(b.String())
	if len(name) > maxBytes {
		name = trimName(cutBytes(name, maxBytes))
	}
	if name == "" {
		return "_"
	}
	base, _, _ := strings.Cut(name, ".")
	if reserved[strings.ToUpper(strings.TrimRight(base, " "))] {
		name = "_" + name
		if len(name) > maxBytes {
			name = cutBytes(name, maxBytes)
		}
	}
	return name
}

// trimName drops leading dots and spaces and trailing dots and spaces
// (Windows drops the latter silently, so two names could collide).
func trimName(s string) string {
	s = strings.TrimLeft(s, ". ")
	return strings.TrimRight(s, ". ")
}

// cutBytes returns the longest prefix of s of at most n bytes that ends at
// a character boundary.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// urlHash is a short hex hash of a URL that keeps file names unique.
func urlHash(url string, n int) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:])[:n]
}

// MarkdownPath is the path of an article's file in the Markdown export,
// relative to the export directory and with "/" separators: a folder per
// site of the lineage (national first), the year published ("undated" when
// unknown), then the title and a short hash of the URL, e.g.
// "中国文明网/河北文明网/邢台文明网/南宫文明网/2023/标题-1a2b3c4d.md".
func MarkdownPath(a *article.Article) string {
	return strings.Join(append(markdownFolders(a), markdownFile(a, hashLen)), "/")
}

func markdownFolders(a *article.Article) []string {
	var parts []string
	for _, s := range a.Lineage {
		name := s.Name
		if name == "" {
			name = s.Host
		}
		parts = append(parts, SafeName(name, maxFolderBytes))
	}
	if len(parts) == 0 {
		name := a.SiteName
		if name == "" {
			name = a.Site
		}
		if name == "" {
			name = "unknown site"
		}
		parts = append(parts, SafeName(name, maxFolderBytes))
	}
	year := "undated"
	if writable(a.Published) {
		year = a.Published.In(article.China).Format("2006")
	}
	return append(parts, year)
}

func markdownFile(a *article.Article, n int) string {
	title := strings.TrimSpace(a.Title)
	if title == "" {
		title = "untitled"
	}
	return SafeName(title, maxTitleBytes) + "-" + urlHash(a.URL, n) + ".md"
}
