package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestDecodeBriefMatchesJSON checks decodeBrief against encoding/json on
// the briefs putBrief writes and on forms only encoding/json reads.
func TestDecodeBriefMatchesJSON(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	var briefs []Brief
	for _, etag := range []string{"", `"5d8c72a5edda8"`, `W/"x\y"`, "<a&b>", "标签", "\u2028", "a\x01b", "\xff"} {
		for _, mod := range []string{"", "Wed, 21 Oct 2015 07:28:00 GMT"} {
			briefs = append(briefs,
				Brief{FetchedAt: time.Date(2026, 12, 4, 3, 22, 1, 123456789, time.UTC), ETag: etag, LastModified: mod},
				Brief{Published: time.Date(2023, 3, 6, 12, 29, 0, 0, shanghai), FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ETag: etag, LastModified: mod})
		}
	}
	var raws [][]byte
	for _, br := range briefs {
		raw, err := json.Marshal(br)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
	}
	raws = append(raws, []byte(`{}`), []byte(`{ "f":"2026-01-02T03:04:05Z"}`), []byte(`{"f":"2026-01-02T03:04:05Z","x":"y"}`),
		[]byte(`{"f":"2026-01-02T03:04:05Z","f":"2027-01-02T03:04:05Z"}`), []byte(`{"f":"yesterday"}`), []byte(`{"f":"2026-01-02T03:04:05Z",}`),
		[]byte(`{"e":"a\"b\\c"}`), []byte(`{"e":"a\u0041"}`), []byte(`{"e":"a\nb"}`), []byte(`{"e":"ab}`), []byte(`{"e":1}`), []byte(`null`), []byte(`{"e":"a"`))
	fast := 0
	for _, raw := range raws {
		var want Brief
		wantErr := json.Unmarshal(raw, &want)
		got, err := decodeBrief(raw)
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeBrief(%s) = %+v, %v; encoding/json: %+v, %v", raw, got, err, want, wantErr)
		}
		if _, ok := scanBrief(raw); ok {
			fast++
		}
	}
	if fast < len(briefs)/2 {
		t.Errorf("only %d of %d briefs read without encoding/json", fast, len(raws))
	}
}
