package store

import "testing"

func TestPreferred(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"static over dynamic", "http://x.cn/a/77.html", "http://x.cn/plus/view.php?aid=77", true},
		{"dynamic not over static", "http://x.cn/plus/view.php?aid=77", "http://x.cn/a/77.html", false},
		{"desktop over m. host", "http://www.x.cn/a/1.html", "http://m.x.cn/a/1.html", true},
		{"desktop over wap. host", "http://www.x.cn/a/1.html", "http://WAP.x.cn/a/1.html", true},
		{"desktop over 3g. host", "http://www.x.cn/a/1.html", "http://3g.x.cn/a/1.html", true},
		{"desktop over mobile. host", "http://www.x.cn/a/1.html", "https://mobile.x.cn/a/1.html", true},
		{"desktop over /m/ path", "http://www.x.cn/news/1.html", "http://www.x.cn/m/news/1.html", true},
		{"desktop over /wap/ path", "http://www.x.cn/news/1.html", "http://www.x.cn/wap/news/1.html", true},
		{"dynamic desktop over static mobile", "http://x.cn/plus/view.php?aid=7", "http://x.cn/m/7.html", true},
		{"static mobile over dynamic mobile", "http://x.cn/m/7.html", "http://x.cn/m/view.php?aid=7", true},
		{"mobile not over desktop", "http://m.x.cn/a/1.html", "http://www.x.cn/a/1.html", false},
		{"same form: neither", "http://x.cn/a/1.html", "http://x.cn/b/1.html", false},
		{"same form the other way", "http://x.cn/b/1.html", "http://x.cn/a/1.html", false},
		{"a label that only starts like one", "http://www.x.cn/a/1.html", "http://mx.x.cn/a/1.html", false},
		{"a page named m is no directory", "http://x.cn/a/1.html", "http://x.cn/m", false},
		{"a segment deeper down is no mirror", "http://x.cn/a/1.html", "http://x.cn/news/m/1.html", false},
		{"desktop over mobile=2 query", "http://x.cn/portal.php?aid=7&mod=view", "http://x.cn/portal.php?aid=7&mobile=2&mod=view", true},
		{"desktop over mobile=yes query", "http://x.cn/forum.php?mod=viewthread&tid=7", "http://x.cn/forum.php?MOBILE=yes&mod=viewthread&tid=7", true},
		{"mobile=no is the desktop page", "http://x.cn/portal.php?aid=7&mod=view", "http://x.cn/portal.php?aid=7&mobile=no&mod=view", false},
		{"a parameter that only ends like one", "http://x.cn/portal.php?aid=7&mod=view", "http://x.cn/portal.php?aid=7&ismobile=1&mod=view", false},
		{"unparsable: no preference", "http://x.cn/a/1.html", "http://x.cn/%zz?x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Preferred(tt.a, tt.b); got != tt.want {
				t.Errorf("Preferred(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if tt.want && Preferred(tt.b, tt.a) {
				t.Errorf("Preferred both ways")
			}
		})
	}
}
