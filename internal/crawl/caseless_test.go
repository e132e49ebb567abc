package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://a.cn/News/Show.aspx?ID=123", "http://a.cn/news/show.aspx?id=123"},
		{"http://a.cn/NEWS/SHOW.ASPX?Id=123", "http://a.cn/news/show.aspx?id=123"},
		{"http://a.cn/news/show.aspx?id=123", "http://a.cn/news/show.aspx?id=123"},
		// Values keep their case; escapes stay upper case.
		{"http://a.cn/Search.aspx?KW=%E5%BF%97&Type=Title", "http://a.cn/search.aspx?kw=%E5%BF%97&type=Title"},
		{"http://a.cn/%E6%96%87/Index.ASP", "http://a.cn/%E6%96%87/index.asp"},
		{"http://a.cn/List.aspx?Flag", "http://a.cn/list.aspx?flag"},
	}
	for _, tt := range tests {
		canon, err := Canonicalize(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		got, u := fold(canon)
		if got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", canon, got, tt.want)
		}
		if u == nil || u.String() != got {
			t.Errorf("fold(%q) parsed as %v", canon, u)
		}
		if again, _ := Canonicalize(got); again != got {
			t.Errorf("fold(%q) = %q is not canonical (%q)", canon, got, again)
		}
	}
}

// TestCaselessHosts: a host is folded once it answers as IIS, never when
// it answers as another server, and no more once it has answered as
// another server too.
func TestCaselessHosts(t *testing.T) {
	var ch caselessHosts
	ch.note("apache.cn", "Apache/2.4.6 (CentOS)")
	ch.note("quiet.cn", "")
	ch.note("iis.cn", "Microsoft-HTTPAPI/2.0") // http.sys speaks for IIS: no word
	if ch.has("apache.cn") || ch.has("quiet.cn") || ch.has("iis.cn") {
		t.Fatal("folded before any IIS answer")
	}
	ch.note("iis.cn", "Microsoft-IIS/7.5")
	ch.note("iis6.cn", "microsoft-iis/6.0")
	ch.note("mixed.cn", "Microsoft-IIS/8.5")
	ch.note("mixed.cn", "nginx")
	ch.note("mixed.cn", "Microsoft-IIS/8.5")
	ch.note("apache.cn", "Apache")
	for host, want := range map[string]bool{"iis.cn": true, "iis6.cn": true, "mixed.cn": false, "apache.cn": false, "quiet.cn": false} {
		if got := ch.has(host); got != want {
			t.Errorf("%s folded: %v, want %v", host, got, want)
		}
	}
}

// TestRobotsAnyCase: on a host that answers as IIS, a rule forbids its
// path in any case; elsewhere rules match the case they are written in
// (RFC 9309).
func TestRobotsAnyCase(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "iis.test" {
			w.Header().Set("Server", "Microsoft-IIS/7.5")
		} else {
			w.Header().Set("Server", "Apache")
		}
		w.Write([]byte("User-agent: *\nDisallow: /Admin/\nDisallow: /*?Action=Del\n"))
	}))
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	rc := newRobotsCache(&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}, "wenming", "wenming/0.1")
	for _, tt := range []struct {
		url   string
		allow bool
	}{
		{"http://iis.test/Admin/Login.aspx", false},
		{"http://iis.test/admin/login.aspx", false},
		{"http://iis.test/ADMIN/", false},
		{"http://iis.test/list.aspx?action=del&id=1", false},
		{"http://iis.test/news/show.aspx?id=1", true},
		{"http://apache.test/Admin/Login.php", false},
		{"http://apache.test/admin/login.php", true},
		{"http://apache.test/list.php?action=del", true},
	} {
		u, _ := url.Parse(tt.url)
		allow, _, err := rc.allowed(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if allow != tt.allow {
			t.Errorf("%s allowed: %v, want %v", tt.url, allow, tt.allow)
		}
	}
}
