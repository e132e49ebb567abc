package extract

import (
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
	p, err := newPage([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for n := range p.styleHidden() {
		got = append(got, strings.TrimSpace(textOf(n)))
	}
	slices.Sort(got)
	want := []string{"a", "b", "c", "g", "h"}
	if !slices.Equal(got, want) {
		t.Errorf("hidden %q, want %q", got, want)
	}
}
