package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/klauspost/compress/s2"
	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestRecordFormats: records are written compressed (format 2) and in
// under half the space of their JSON; a record of format 1 (plain JSON,
// written by earlier versions) reads the same and is compressed when it
// is next written; a damaged compressed record is ErrCorrupt.
func TestRecordFormats(t *testing.T) {
	a := sample("http://www.example.gov.cn/a/1.html")
	a.Body = strings.Repeat("志愿者走进社区，为居民提供义诊、理发和家电维修服务。\n", 40)
	a.BodyHTML = "<p>" + strings.ReplaceAll(a.Body, "\n", "</p><p>") + "</p>"
	v, err := encode(a)
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if v[0] != formatS2JSON || len(v) > len(js)/2 {
		t.Fatalf("a record is format %d, %d bytes for %d of JSON", v[0], len(v), len(js))
	}

	s := openTest(t)
	old := sample("http://www.example.gov.cn/a/2.html")
	oldJSON, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	// Put, then the value replaced by its format-1 form, as an earlier
	// version left it.
	if _, err := s.Put(old); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).Put([]byte(old.URL), append([]byte{formatJSON}, oldJSON...))
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(old.URL)
	if err != nil || got.Title != old.Title || got.Body != old.Body {
		t.Fatalf("a format-1 record reads %+v, %v", got, err)
	}
	if views, err := s.Views(old.URL); err != nil || views == nil || *views != *old.Views {
		t.Fatalf("views of a format-1 record: %v, %v", views, err)
	}
	if _, err := s.Put(old); err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketArticles).Get([]byte(old.URL)); v[0] != formatS2JSON {
			t.Errorf("a format-1 record rewritten is format %d", v[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A length header (a uvarint) claiming 2 GiB before valid data.
	huge := append([]byte{formatS2JSON, 0x80, 0x80, 0x80, 0x80, 0x08}, s2.Encode(nil, bytes.Repeat([]byte{'x'}, 64))[1:]...)
	for name, v := range map[string][]byte{
		"garbage":         {formatS2JSON, 0x10, 'a', 'b'},
		"claims too much": huge,
		"empty":           {},
		"unknown format":  {9, '{', '}'},
	} {
		if _, err := decode(v); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
}

// TestEncodeExact: a record's value is as long as its bytes and no
// longer (bbolt holds the value until the commit, so slack in it is memory
// each waiting Put holds), and records encoded one after another through
// the same scratch each decode to themselves: a short record after a long
// one carries nothing of it.
func TestEncodeExact(t *testing.T) {
	long := sample("http://www.example.gov.cn/a/1.html")
	long.Body = strings.Repeat("志愿者走进社区，为居民提供义诊、理发和家电维修服务。\n", 200)
	short := sample("http://www.example.gov.cn/a/2.html")
	short.Body = "短"
	for i, a := range []*article.Article{long, short, long, short} {
		v, err := encode(a)
		if err != nil {
			t.Fatal(err)
		}
		if cap(v) != len(v) {
			t.Errorf("record %d: a value of %d bytes in %d", i, len(v), cap(v))
		}
		got, err := decode(v)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(a)
		if js, _ := json.Marshal(got); !bytes.Equal(js, want) {
			t.Errorf("record %d decodes to\n%s\nnot\n%s", i, js, want)
		}
	}
}

// FuzzDecode: a stored value of any bytes decodes to a record or to
// ErrCorrupt, never a panic, and a record decoded encodes to a value that
// decodes to the same record.
func FuzzDecode(f *testing.F) {
	v, err := encode(sample("http://www.example.gov.cn/a/1.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v)
	f.Add([]byte{formatJSON, '{', '}'})
	f.Add([]byte{formatS2JSON, 0x80, 0x80, 0x80, 0x80, 0x08})
	f.Fuzz(func(t *testing.T, v []byte) {
		a, err := decode(v)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("decode: %v, not ErrCorrupt", err)
			}
			return
		}
		again, err := encode(a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := decode(again)
		if err != nil {
			t.Fatal(err)
		}
		x, _ := json.Marshal(a)
		y, _ := json.Marshal(b)
		if !bytes.Equal(x, y) {
			t.Fatalf("round trip changed the record:\n%s\n%s", x, y)
		}
	})
}
