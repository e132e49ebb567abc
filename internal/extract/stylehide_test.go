package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestStyleHidden checks which elements a page's own stylesheet hides.
func TestStyleHidden(t *testing.T) {
	src := `<html><head><style>
/* .commented{display:none} */
.a{display:none}
.b{display: none !important}
.c{display:none}.c.on{display:block}
.menu .d{display:none}
.e:hover{display:none}
p{display:none}
@media print{.f{display:none}}
#g, [data-h]{display:none}
.i{color:red}
</style></head><body>
<div class="a">a</div><div class="b">b</div><div class="c">c</div><div class="c on">c on</div>
<div class="menu"><div class="d">d</div></div><div class="e">e</div><p>p</p><div class="f">f</div>
<div id="g">g</div><div data-h="1">h</div><div class="i">i</div><div class="commented">k</div>
</body></html>`
	got := styleHiddenTexts(t, src)
	want := []string{"a", "b", "c", "g", "h"}
	if !slices.Equal(got, want) {
		t.Errorf("hidden %q, want %q", got, want)
	}
}

// TestStyleHiddenWideScreens checks the rules read inside media queries:
// a wide screen's (the desktop page a reader sees) hide and show again,
// after a utility sheet's hundred rules setting other displays; a narrow
// screen's, print's and a touch device's hold for some readers only.
func TestStyleHiddenWideScreens(t *testing.T) {
	var css strings.Builder
	for i := range 100 {
		fmt.Fprintf(&css, ".u%d{display:flex}\n", i)
	}
	css.WriteString(`@media only screen and (min-width: 1024px){.s{display:none}.s.on{display:block}}
@media (max-width:640px){.m{display:none}}
@media print{.p{display:none}}
@media (min-width:600px) and (hover:none){.h{display:none}}
@media screen and (min-width:800px){@supports (display:grid){.n{display:none}}}
`)
	src := `<html><head><style>` + css.String() + `</style></head><body>
<div class="s">s1</div><div class="s on">s2</div><div class="s">s3</div>
<div class="m">m</div><div class="p">p</div><div class="h">h</div><div class="n">n</div><div class="u7">u</div>
</body></html>`
	got := styleHiddenTexts(t, src)
	if want := []string{"s1", "s3"}; !slices.Equal(got, want) {
		t.Errorf("hidden %q, want %q", got, want)
	}
}

func TestWideScreens(t *testing.T) {
	for _, tt := range []struct {
		prelude string
		want    bool
	}{
		{"@media only screen and (min-width:63.75em)", true},
		{"@media (min-width: 1024px)", true},
		{"@media screen and (min-width:768px) and (min-width:1024px)", true},
		{"@media screen", false}, // no width: every screen, but no query to read
		{"@media (max-width:640px)", false},
		{"@media (min-width:768px) and (max-width:1023px)", false},
		{"@media print and (min-width:600px)", false},
		{"@media (min-width:600px), print", false},
		{"@media (min-width:600px) and (hover:none)", false},
		{"@supports (min-width:600px)", false},
	} {
		if got := wideScreens(tt.prelude); got != tt.want {
			t.Errorf("wideScreens(%q) = %v, want %v", tt.prelude, got, tt.want)
		}
	}
}

// styleHiddenTexts returns, sorted, the texts of the elements the page
// src's own style sheets hide.
func styleHiddenTexts(t *testing.T, src string) []string {
	t.Helper()
	p, err := newPage([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for n := range p.styleHidden() {
		got = append(got, strings.TrimSpace(textOf(n)))
	}
	slices.Sort(got)
	return got
}
