package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func gbBytes(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode GB18030: %v", err)
	}
	return b
}

func TestDecode(t *testing.T) {
	const (
		metaGB  = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
		metaGBK = `<meta charset="gbk">`
		metaU8  = `<meta charset="utf-8">`
		article = `<title>南宫市开展志愿服务活动_南宫文明网</title></head><body><h1>南宫市开展志愿服务活动</h1>` +
			`<p>时间：2023年03月06日 12:29</p><p>近日，南宫市文明办组织志愿者走进社区，开展环境整治、政策宣讲等志愿服务活动，群众纷纷点赞。</p></body></html>`
		rare = `<p>镕基、𠀀𪚥：生僻字姓名。</p>` // 𠀀 and 𪚥 are four-byte GB18030 characters
	)
	page := func(meta, body string) string { return "<html><head>" + meta + body }
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(page(metaU8, article))
	if err != nil {
		t.Fatal(err)
	}
	big5, err := traditionalchinese.Big5.NewEncoder().String(page(`<meta charset="big5">`, `<p>臺灣文化活動報導，參與者眾多。</p>`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, raw, ctype string
		want             string // decoded page
		charset          string
		overrode         bool
		reason           string // a substring of Decoding.Reason
	}{
		{"meta gb2312, GBK bytes", gbBytes(t, page(metaGB, article)), "text/html",
			page(metaGB, article), "gb18030", false, "meta says gb2312"},
		{"header gbk, GBK bytes", gbBytes(t, page("", article)), "text/html; charset=GBK",
			page("", article), "gb18030", false, "header says gbk"},
		{"meta-only gbk, bare text/html", gbBytes(t, page(metaGBK, article)), "text/html",
			page(metaGBK, article), "gb18030", false, "meta says gbk"},
		{"undeclared GBK", gbBytes(t, page("", article)), "",
			page("", article), "gb18030", false, "no charset declared, bytes decode cleanly as GB18030"},
		{"header gbk, UTF-8 bytes", page("", article), "text/html; charset=gbk",
			page("", article), "utf-8", true, "header says gbk, bytes are valid UTF-8"},
		{"meta gb2312, UTF-8 bytes", page(metaGB, article), "text/html",
			page(metaGB, article), "utf-8", true, "meta says gb2312, bytes are valid UTF-8"},
		{"header gb2312 and meta gb2312, UTF-8 bytes", page(metaGB, article), "text/html;charset=gb2312",
			page(metaGB, article), "utf-8", true, "header says gb2312, bytes are valid UTF-8"},
		{"header utf-8, GBK bytes", gbBytes(t, page("", article)), "text/html; charset=utf-8",
			page("", article), "gb18030", true, "header says utf-8, bytes are not valid UTF-8 but decode cleanly as GB18030"},
		{"meta utf-8, GBK bytes", gbBytes(t, page(metaU8, article)), "text/html",
			page(metaU8, article), "gb18030", true, "meta says utf-8"},
		{"header iso-8859-1, GBK bytes", gbBytes(t, page("", article)), "text/html; charset=ISO-8859-1",
			page("", article), "gb18030", true, "header says iso-8859-1"},
		{"header utf-8, meta gbk, GBK bytes", gbBytes(t, page(metaGBK, article)), "text/html; charset=utf-8",
			page(metaGBK, article), "gb18030", true, "header says utf-8"},
		{"header gbk, meta utf-8, UTF-8 bytes", page(metaU8, article), "text/html; charset=gbk",
			page(metaU8, article), "utf-8", true, "header says gbk, bytes are valid UTF-8"},
		{"header gbk, meta utf-8, ASCII bytes: header wins", page(metaU8, "<p>hello</p>"), "text/html; charset=gbk",
			page(metaU8, "<p>hello</p>"), "gb18030", false, "header says gbk"},
		{"four-byte GB18030 characters", gbBytes(t, page(metaGB, rare)), "",
			page(metaGB, rare), "gb18030", false, "meta says gb2312"},
		{"GB18030 four-byte characters, header utf-8", gbBytes(t, page("", article+rare)), "text/html; charset=utf-8",
			page("", article+rare), "gb18030", true, "decode cleanly as GB18030"},
		{"invalid byte mid-page, UTF-8", page(metaU8, "<p>文明\xff城市</p>"+article), "",
			page(metaU8, "<p>文明\ufffd城市</p>"+article), "utf-8", false, "1 invalid sequences replaced"},
		{"invalid bytes mid-page, GBK", gbBytes(t, page(metaGBK, article)) + "\x81\x20" + gbBytes(t, article), "",
			page(metaGBK, article) + "\ufffd " + article, "gb18030", false, "replaced"},
		{"truncated UTF-8 labelled gb2312", page(metaGB, article+article) + "\xe4\xb8", "text/html",
			page(metaGB, article+article) + "\ufffd\ufffd", "utf-8", true, "bytes are UTF-8"},
		{"utf-8 bom", "\xef\xbb\xbf" + page(metaGB, article), "text/html; charset=gbk",
			page(metaGB, article), "utf-8", false, "byte order mark"},
		{"utf-16le bom", utf16le, "text/html; charset=gbk",
			page(metaU8, article), "utf-16le", false, "byte order mark says utf-16le"},
		{"plain utf-8", "<p>中国文明网</p>", "text/html", "<p>中国文明网</p>", "utf-8", false, "no charset declared, bytes are valid UTF-8"},
		{"pure ASCII labelled gbk", "<p>hello</p>", "text/html; charset=gbk", "<p>hello</p>", "gb18030", false, "bytes are ASCII"},
		{"pure ASCII unlabelled", "<p>hello</p>", "", "<p>hello</p>", "utf-8", false, "bytes are ASCII"},
		{"utf-16 header on an 8-bit page", page(metaU8, article), "text/html; charset=utf-16",
			page(metaU8, article), "utf-8", false, "bytes are valid UTF-8"},
		{"big5 meta", big5, "", page(`<meta charset="big5">`, `<p>臺灣文化活動報導，參與者眾多。</p>`), "big5", false, "meta says big5"},
		{"unknown label", page(`<meta charset="x-nonsense">`, article), "", page(`<meta charset="x-nonsense">`, article), "utf-8", false, "no charset declared"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, d, err := Decode([]byte(tc.raw), tc.ctype)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("Decode = %q\nwant     %q", got, tc.want)
			}
			if d.Charset != tc.charset || d.Overrode != tc.overrode || !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("Decoding = %+v; want charset %q, overrode %v, reason containing %q", d, tc.charset, tc.overrode, tc.reason)
			}
		})
	}
}

// TestDecodeShortGBK: a short GBK string that happens to be valid UTF-8
// (two-byte runes only) keeps its GBK label.
func TestDecodeShortGBK(t *testing.T) {
	// "中" is D6 D0 in GBK: a valid two-byte UTF-8 rune (U+05D0).
	raw := gbBytes(t, `<html><head><meta charset="gbk"><title>中</title></head></html>`)
	got, d, err := Decode([]byte(raw), "")
	if err != nil || d.Charset != "gb18030" || !strings.Contains(string(got), "<title>中</title>") {
		t.Errorf("Decode = %q, %+v, %v; want the GBK label kept", got, d, err)
	}
}

// corpusDir holds the shared corpora (../shared/corpus/extract), outside the
// repository; tests that read it skip when it is absent.
const corpusDir = "../../../shared/corpus/extract"

// TestDecodeCorpus checks the charset Decode picks for every page of the
// shared corpora whose manifest records what the bytes are (several
// recorded pages declare gb2312 and are UTF-8).
func TestDecodeCorpus(t *testing.T) {
	type entry struct {
		ID           string `json:"id"`
		HTML         string `json:"html"`
		CharsetGuess string `json:"charset_guess"` // cwced
		Charset      *struct {
			Declared *string `json:"declared"`
			Bytes    string  `json:"bytes"`
		} `json:"charset"` // recorded
	}
	n, overrode := 0, 0
	for _, set := range []string{"cwced", "recorded"} {
		f, err := os.Open(filepath.Join(corpusDir, set, "manifest.jsonl"))
		if err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var e entry
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("%s manifest: %v", set, err)
			}
			want := e.CharsetGuess
			if e.Charset != nil {
				want = e.Charset.Bytes
			}
			if want = firstWord(want); want == "" {
				continue
			}
			dir := set
			if set == "cwced" {
				dir = "" // cwced paths start with "cwced/"
			}
			raw, err := os.ReadFile(filepath.Join(corpusDir, dir, e.HTML))
			if err != nil {
				t.Fatalf("read %s: %v", e.HTML, err)
			}
			_, d, err := Decode(raw, "")
			if err != nil {
				t.Errorf("%s: %v", e.ID, err)
				continue
			}
			n++
			if d.Overrode {
				overrode++
			}
			if d.Charset != want {
				t.Errorf("%s: charset %s (%s), want %s", e.ID, d.Charset, d.Reason, want)
			} else if testing.Verbose() && (d.Overrode || d.Replaced > 0) {
				t.Logf("%s: %s", e.ID, d.Reason)
			}
		}
		f.Close()
	}
	t.Logf("decode: %d corpus pages, %d labels overridden by the bytes", n, overrode)
}

// firstWord drops a manifest's note: "gb18030 (contains invalid byte
// sequences; …)".
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// TestScanUTF8FindsEveryInvalidSequence: Decode returns bytes that
// scanUTF8 found no invalid sequence in without checking them again, so
// scanUTF8 must count one wherever utf8.Valid fails.
func TestScanUTF8FindsEveryInvalidSequence(t *testing.T) {
	for _, s := range []string{
		"", "abc", "文明网", "\ufffd", "a\xffb", "\xe6\x96", "文\xe6\x96", "\xed\xa0\x80", "\xc0\xaf",
		"\xf4\x90\x80\x80", "\xf0\x9f\x98\x80", "\x80", "文明\xe7\xbd\x91\xe7", "\xef\xbf\xbd\xef\xbf",
	} {
		if got, want := scanUTF8([]byte(s)).bad == 0, utf8.ValidString(s); got != want {
			t.Errorf("%q: scanUTF8 finds no invalid sequence %v; utf8.Valid %v", s, got, want)
		}
	}
}

// FuzzScanUTF8 holds scanUTF8's shortcuts (eight ASCII bytes at once, the
// common three-byte sequences) to utf8.DecodeRune read rune by rune.
func FuzzScanUTF8(f *testing.F) {
	for _, s := range []string{"abcdefgh中文ijk", "\xe0\xa0\x80\xed\x9f\xbf\xed\xa0\x80\xef\xbf\xbd", "中\xe4\xb8", "12345678\xff9", "\xf0\x9f\x98\x80é"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want utf8Stats
		for rest := raw; len(rest) > 0; {
			r, n := utf8.DecodeRune(rest)
			if r == utf8.RuneError && n == 1 {
				want.bad++
			} else if n > 1 {
				want.multi++
				if n > 2 {
					want.wide++
				}
			}
			rest = rest[n:]
		}
		want.ascii = want.multi == 0 && want.bad == 0
		if got := scanUTF8(raw); got != want {
			t.Errorf("scanUTF8(%q) = %+v, want %+v", raw, got, want)
		}
	})
}
