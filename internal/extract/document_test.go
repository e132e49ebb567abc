package extract

import (
	"strings"
	"testing"
)

// TestWrittenLiterals: an inline script that only writes a literal is
// what it writes, as a browser shows it (a view count printed by
// document.write); any other script stays.
func TestWrittenLiterals(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`浏览：<script>document.write("568")</script>次`, `浏览：568次`},
		{`浏览：<script type="text/javascript">document.writeln('1,234');</script>`, `浏览：1,234`},
		{`<SPAN><script language="javascript"> document.write(568) </script></SPAN>`, `<SPAN>568</SPAN>`},
		{`<script src="/count.js">document.write("1")</script>`, `<script src="/count.js">document.write("1")</script>`},
		{`<script>document.write("<a href=x>")</script>`, `<script>document.write("<a href=x>")</script>`},
		{`<script>document.write(n)</script>`, `<script>document.write(n)</script>`},
		{`<script>document.write("a" + b)</script>`, `<script>document.write("a" + b)</script>`},
		{`<script>var x = 1; document.write("2")</script>`, `<script>var x = 1; document.write("2")</script>`},
		// A count written through the variable that holds it.
		{`浏览：<script>var hits=386;document.write(hits)</script>次`, `浏览：386次`},
		{`浏览：<script type="text/javascript">var hits = '1,234'; document.write(hits);</script>`, `浏览：1,234`},
		{`<script>let n = 12; document.write(n)</script>`, `12`},
		{`<script>var hits = getHits(); document.write(hits)</script>`, `<script>var hits = getHits(); document.write(hits)</script>`},
		{`<script>var a = 3; var b = 4; document.write(a)</script>`, `<script>var a = 3; var b = 4; document.write(a)</script>`},
		{`<script>var 1x = 3; document.write(1x)</script>`, `<script>var 1x = 3; document.write(1x)</script>`},
		{`<script>var hits = 3; document.write(other)</script>`, `<script>var hits = 3; document.write(other)</script>`},
		{`<script>var h = 3;</script><script>document.write(h)</script>`, `<script>var h = 3;</script><script>document.write(h)</script>`},
		{`<script>document.write("568")`, `<script>document.write("568")`},
		{`no script`, `no script`},
		{`<script>document.write(n)</script> 浏览：<script>document.write("7")</script>`, `<script>document.write(n)</script> 浏览：7`},
	} {
		from := max(0, strings.Index(tc.in, "document.write"))
		if got, ok := writtenLiterals(tc.in, from); got != tc.want || ok != (tc.in != tc.want) {
			t.Errorf("writtenLiterals(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	r := extractClassPage(t, "script_written_count.html", "http://www.example.gov.cn/zyfw/2024/0510/12.html")
	if r.Views == nil || *r.Views != 568 {
		t.Errorf("views %v, want 568 (浏览次数：<script>document.write(\"568\")</script>次)", r.Views)
	}
}
