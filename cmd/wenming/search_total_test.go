package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/index"
)

// TestSearchOutputLowerBound: a total the index counted only up to its
// cap reads "more than N" in the human output and carries
// total_is_lower_bound in --json; an exact one neither.
func TestSearchOutputLowerBound(t *testing.T) {
	for _, tt := range []struct {
		res   index.Results
		human string
	}{
		{index.Results{Total: index.CountCap, TotalIsLowerBound: true}, "more than 10000 articles match"},
		{index.Results{Total: 7}, "7 articles match"},
	} {
		var human bytes.Buffer
		writeHits(&human, &tt.res, index.Query{Text: "精神文明"}, false)
		if !strings.HasPrefix(human.String(), tt.human) {
			t.Errorf("%+v: human output %q, want it to start %q", tt.res, human.String(), tt.human)
		}
		var js bytes.Buffer
		if err := writeHitsJSON(&js, &tt.res, nil); err != nil {
			t.Fatal(err)
		}
		var out struct {
			Total             uint64 `json:"total"`
			TotalIsLowerBound bool   `json:"total_is_lower_bound"`
		}
		if err := json.Unmarshal(js.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if out.Total != tt.res.Total || out.TotalIsLowerBound != tt.res.TotalIsLowerBound {
			t.Errorf("%+v: --json says total %d, lower bound %v", tt.res, out.Total, out.TotalIsLowerBound)
		}
	}
}
