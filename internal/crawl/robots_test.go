package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// simulatedDiscuz returns a calm simulation and the host of its first
// Discuz! X site.
func simulatedDiscuz() (*sitesim.Sim, string) {
	sim := sitesim.New(sitesim.Options{Seed: 1, Calm: true})
	for _, site := range sim.Sites() {
		if site.CMS == "discuz" {
			return sim, site.Host
		}
	}
	return sim, ""
}

func TestRobots(t *testing.T) {
	// discuz.test answers as a simulated Discuz! X site: its stock
	// robots.txt (see research/sites.md).
	sim, discuzHost := simulatedDiscuz()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		switch r.Host {
		case "discuz.test":
			r.Host = discuzHost
			sim.ServeHTTP(w, r)
		case "slow.test":
			w.Write([]byte("User-agent: *\nCrawl-delay: 3\nDisallow: /zt/\n\nUser-agent: wenming\nDisallow: /private/\nCrawl-delay: 2\n"))
		case "broken.test":
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
	rc := newRobotsCache(client, "wenming", "wenming/0.1")

	tests := []struct {
		url   string
		allow bool
		delay time.Duration
	}{
		{"http://discuz.test/portal.php?mod=view&aid=3", true, 0},
		{"http://discuz.test/portal.php?mod=list&catid=2&page=3", true, 0},
		{"http://discuz.test/misc.php?mod=userstatus&type=article&typeid=3", false, 0},
		{"http://discuz.test/forum.php?mod=redirect&tid=1", false, 0},
		{"http://discuz.test/home.php?mod=misc&ac=x", false, 0},
		// Canonical URLs sort their parameters: a rule written for the
		// site's own order still applies to the sorted URL.
		{"http://discuz.test/forum.php?aid=1&mod=attachment", false, 0},
		{"http://discuz.test/forum.php?mod=attachment&aid=1", false, 0},
		{"http://discuz.test/portal.php?mod=view&aid=3&mobile=yes", false, 0},
		// More parameters than every order can be tried for: a rule
		// naming the script's first parameter (mod=post, mod=spacecp)
		// still holds for the sorted URL (a thread's reply link and the
		// 发消息 link of every post).
		{"http://discuz.test/forum.php?action=reply&extra=page%3D1&fid=2&mod=post&page=1&repquote=801&tid=8", false, 0},
		{"http://discuz.test/home.php?ac=pm&daterange=2&handlekey=showmsg_5&mod=spacecp&op=showmsg&pid=801&pmid=0&tid=8&touid=5", false, 0},
		{"http://discuz.test/forum.php?authorid=5&extra=page%3D1&fid=2&mod=viewthread&page=2&tid=8", true, 0},
		{"http://slow.test/private/a.html", false, 2 * time.Second},
		{"http://slow.test/zt/a.html", true, 2 * time.Second}, // the wenming group, not *, applies
		{"http://none.test/anything", true, 0},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		ok, delay, err := rc.allowed(context.Background(), u)
		if err != nil {
			t.Errorf("%s: %v", tt.url, err)
			continue
		}
		if ok != tt.allow || delay != tt.delay {
			t.Errorf("%s: allowed=%v delay=%v, want %v %v", tt.url, ok, delay, tt.allow, tt.delay)
		}
	}
	u, _ := url.Parse("http://broken.test/a")
	if ok, _, _ := rc.allowed(context.Background(), u); ok {
		t.Error("a 5xx robots.txt must forbid the host for now")
	}
}
