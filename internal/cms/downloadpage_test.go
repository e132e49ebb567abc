package cms

import (
	"net/url"
	"testing"
)

// TestIsDownloadPage: the forms of the download scripts that answer a
// download page (DedeCMS open=0, PHPCMS a=init) are told from the forms
// that answer the file; both are download scripts.
func TestIsDownloadPage(t *testing.T) {
	cases := map[string]bool{
		"http://www.nanpi.gov.cn/plus/download.php?open=0&aid=12&cid=3":          true,
		"http://www.nanpi.gov.cn/plus/download.php?aid=12&cid=3&open=0":          true,
		"http://www.nanpi.gov.cn/plus/download.php?open=1&aid=12&cid=3&uhash=9f": false,
		"http://www.nanpi.gov.cn/plus/download.php?aid=12&open=2&id=7":           false,
		"http://www.xh.gov.cn/index.php?m=content&c=down&a=init&catid=6&id=31":   true,
		"http://www.xh.gov.cn/index.php?a=init&c=down&catid=6&id=31&m=content":   true,
		"http://www.xh.gov.cn/index.php?m=content&c=down&a=download&a_k=b3f1":    false,
		"http://www.xh.gov.cn/index.php?m=content&c=index&a=init&catid=6":        false,
		"http://www.xh.gov.cn/uploadfile/2024/0315/20240315092112345.doc":        false,
	}
	for raw, page := range cases {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsDownloadPage(u); got != page {
			t.Errorf("IsDownloadPage(%s) = %v, want %v", raw, got, page)
		}
		if page && !IsDownload(u) {
			t.Errorf("%s is a download page but not a download script", raw)
		}
	}
}
