package crawl

import "testing"

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://WWW.Wenming.CN/a/yw/", "http://www.wenming.cn/a/yw/"},
		{"http://www.wenming.cn", "http://www.wenming.cn/"},
		{"http://www.wenming.cn:80/a/yw/index.shtml", "http://www.wenming.cn/a/yw/"},
		{"http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml#comment", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml"},
		{"http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml?from=timeline&isappinstalled=0", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml"},
		{"http://hb.wenming.cn/x/t1.html?utm_source=wechat&utm_medium=share", "http://hb.wenming.cn/x/t1.html"},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=12", "http://www.ngwm.gov.cn/portal.php?mod=view&aid=12"},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=12&from=groupmessage#p2", "http://www.ngwm.gov.cn/portal.php?mod=view&aid=12"},
		{"http://www.wxwm.gov.cn/article-34-1.html", "http://www.wxwm.gov.cn/portal.php?mod=view&aid=34"},
		{"http://www.wxwm.gov.cn/article-34-2.html", "http://www.wxwm.gov.cn/portal.php?mod=view&aid=34&page=2"},
		{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=3&page=1", "http://www.ngwm.gov.cn/portal.php?mod=list&catid=3"},
		{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=3&page=2", "http://www.ngwm.gov.cn/portal.php?mod=list&catid=3&page=2"},
		{"http://a.cn/x/./y/../z.html", "http://a.cn/x/z.html"},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"https://a.cn:443/", "https://a.cn/"},
		{"http://a.cn/%E6%96%87%E6%98%8E/", "http://a.cn/%E6%96%87%E6%98%8E/"},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err != nil {
			t.Errorf("Canonicalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		again, _ := Canonicalize(got)
		if again != got {
			t.Errorf("not idempotent: %q → %q", got, again)
		}
	}
	for _, bad := range []string{"javascript:void(0)", "mailto:a@b.cn", "/relative", "http://"} {
		if _, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q) accepted", bad)
		}
	}
}
