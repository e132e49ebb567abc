package cms

import (
	"net/url"
	"testing"
)

// TestIsDownload: the download scripts of DedeCMS and PHPCMS are
// attachments, whatever the order of their parameters; the CMSs' other
// scripts and pages are not.
func TestIsDownload(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"http://www.nanpi.gov.cn/plus/download.php?open=0&aid=12&cid=3", true},
		{"http://www.nanpi.gov.cn/plus/download.php?aid=12&open=1&link=aHR0cDovLw==", true},
		{"http://www.nanpi.gov.cn/PLUS/Download.php?open=2&id=7", true},
		{"http://www.nanpi.gov.cn/plus/download.php?aid=12", false}, // no open: not the script's download form
		{"http://www.nanpi.gov.cn/plus/view.php?aid=12", false},
		{"http://www.nanpi.gov.cn/plus/count.php?aid=12", false},
		{"http://www.xh.gov.cn/index.php?m=content&c=down&a=init&catid=6&id=31", true},
		{"http://www.xh.gov.cn/index.php?m=content&c=down&a_k=b3f1", true},
		{"http://www.xh.gov.cn/index.php?m=content&a=download&c=down&a_k=b3f1", true},
		{"http://www.xh.gov.cn/index.php?a_k=b3f1&c=down&m=content", true}, // as a crawler canonicalizes it: sorted
		{"http://www.nanpi.gov.cn/plus/download.php?aid=12&cid=3&open=0", true},
		{"http://www.xh.gov.cn/index.php?c=down&m=member", false},
		{"http://www.xh.gov.cn/index.php?m=content&c=index&a=show&catid=6&id=31", false},
		{"http://www.xh.gov.cn/index.php?m=content&c=download_log", false},
		{"http://www.xh.gov.cn/api.php?op=count&id=31&modelid=1", false},
		{"http://www.xa.gov.cn/a/1.html", false},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsDownload(u); got != tc.want {
			t.Errorf("IsDownload(%s) = %v, want %v", tc.url, got, tc.want)
		}
	}
}
