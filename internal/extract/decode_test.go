package extract

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDecode(t *testing.T) {
	const text = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>南宫文明网 浏览数：1017 镕</body></html>`
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf8BOM := "\xef\xbb\xbf" + text
	tests := []struct {
		name, raw, ctype, want, charset string
	}{
		{"meta gb2312", gbk, "text/html", text, "gb18030"},
		{"header gbk", gbk, "text/html; charset=GBK", text, "gb18030"},
		{"undeclared gbk", gbk[len(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>`):], "", text[len(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>`):], "gb18030"},
		{"utf-8 bom", utf8BOM, "", text, "utf-8"},
		{"plain utf-8", "<p>中国文明网</p>", "text/html", "<p>中国文明网</p>", "utf-8"},
	}
	for _, tc := range tests {
		got, cs, err := Decode([]byte(tc.raw), tc.ctype)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want || cs != tc.charset {
			t.Errorf("%s: Decode = %q, %q; want %q, %q", tc.name, got, cs, tc.want, tc.charset)
		}
	}
}
