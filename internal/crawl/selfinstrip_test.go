package crawl

import (
	"io"
	"log/slog"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// TestSelfInStrip: the last link of a homepage's top strip that bears the
// site's own name at another host is the site itself, not its parent (a
// site that moved, whose templates keep the old name): dropped where the
// strip would put the site below a county or, without it, ends at the
// site that listed this one; the site by another name when that host is a
// known site of that name and parent. A <title> that names the parent
// (南宫频道 - 邢台文明网), or a listing under another place's name, leaves the
// strip as it is.
func TestSelfInStrip(t *testing.T) {
	strip := func(hosts ...string) []anchor {
		names := map[string]string{"www.wenming.cn": "中国文明网", "sn.wenming.cn": "陕西文明网", "xa.wenming.cn": "西安文明网", "sxzz.wenming.cn": "周至文明网", "hb.wenming.cn": "河北文明网", "xt.wenming.cn": "邢台文明网"}
		var out []anchor
		for _, h := range hosts {
			out = append(out, anchor{URL: "http://" + h + "/", Text: names[h]})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		title     string
		listedBy  string // the provisional parent
		listedAs  string // the link block's name
		knownOld  bool   // sxzz.wenming.cn was read by an earlier crawl
		ancestors []anchor
		wantLen   int
		wantOther bool
	}{
		{"moved county, old name known", "周至文明网", "xa.wenming.cn", "周至", true, strip("www.wenming.cn", "sn.wenming.cn", "xa.wenming.cn", "sxzz.wenming.cn"), 3, true},
		{"moved county, listed by the national site", "周至文明网", "www.wenming.cn", "周至", false, strip("www.wenming.cn", "sn.wenming.cn", "xa.wenming.cn", "sxzz.wenming.cn"), 3, false},
		{"moved city, listed by its province", "西安文明网", "sn.wenming.cn", "西安", false, strip("www.wenming.cn", "sn.wenming.cn", "xa.wenming.cn"), 2, false},
		{"moved city, listed by the national site", "西安文明网", "www.wenming.cn", "西安", false, strip("www.wenming.cn", "sn.wenming.cn", "xa.wenming.cn"), 3, false},
		{"title names the parent", "南宫频道 - 邢台文明网", "xt.wenming.cn", "南宫", false, strip("www.wenming.cn", "hb.wenming.cn", "xt.wenming.cn"), 3, false},
		{"title names the parent, listed by the province", "南宫频道 - 邢台文明网", "hb.wenming.cn", "南宫", false, strip("www.wenming.cn", "hb.wenming.cn", "xt.wenming.cn"), 3, false},
		{"ordinary county", "周至文明网", "xa.wenming.cn", "周至", false, strip("www.wenming.cn", "sn.wenming.cn", "xa.wenming.cn"), 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := openSites("", nil, article.County, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.knownOld {
				s.add(siteEntry{Site: article.Site{Host: "sxzz.wenming.cn", Name: "周至文明网", Level: article.County}, Home: "http://sxzz.wenming.cn/", Parent: "xa.wenming.cn", Fixed: true, Answered: true})
			}
			const own = "www.newname.gov.cn"
			s.add(siteEntry{Site: article.Site{Host: own, Name: tc.listedAs, Level: article.County}, Home: "http://" + own + "/", Parent: tc.listedBy})
			c := &Crawler{sites: s, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
			f := &fetched{body: []byte("<html><head><title>" + tc.title + "</title></head></html>")}
			rest, other := c.selfInStrip(frontier.Request{URL: "http://" + own + "/", Host: own, Kind: kindHome, Site: own}, f, tc.ancestors)
			if len(rest) != tc.wantLen || (other != "") != tc.wantOther {
				t.Errorf("%d ancestors left, other name of %q; want %d, %v", len(rest), other, tc.wantLen, tc.wantOther)
			}
			if _, ok := c.knownAs(own); ok != tc.wantOther {
				t.Errorf("known as another name: %v, want %v", ok, tc.wantOther)
			}
		})
	}
}
