package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCaptureAttachmentsKey: crawl.capture_attachments is off unless set,
// read as a boolean, and a typo of it or a value that is no boolean is an
// error at its file and line.
func TestCaptureAttachmentsKey(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		yaml  string
		want  bool
		line  int    // of the error; 0: none
		names string // what the error names
	}{
		{"crawl:\n  workers: 2\n", false, 0, ""},
		{"crawl:\n  capture_attachments: true\n", true, 0, ""},
		{"crawl:\n  capture_attachments: false\n", false, 0, ""},
		{"crawl:\n  workers: 2\n  capture_attachements: true\n", false, 3, "capture_attachements"}, // a typo
		{"crawl:\n  capture_attachments: pdf\n", false, 2, "pdf"},                                  // no boolean
	} {
		path := filepath.Join(dir, "config"+string(rune('a'+i))+".yaml")
		if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(path)
		var ce *Error
		switch {
		case tc.line == 0 && (err != nil || cfg.Crawl.CaptureAttachments != tc.want):
			t.Errorf("%q: capture_attachments = %v, %v; want %v", tc.yaml, cfg.Crawl.CaptureAttachments, err, tc.want)
		case tc.line == 0:
		case !errors.As(err, &ce):
			t.Errorf("%q: want a *config.Error, got %v", tc.yaml, err)
		case ce.File != path || ce.Line != tc.line || !strings.Contains(ce.Error(), tc.names) || !strings.HasPrefix(ce.Error(), path+":"):
			t.Errorf("error %q: want %s:%d: naming %q", ce.Error(), path, tc.line, tc.names)
		}
	}
}

// TestCaptureAttachmentsShippedOff: the shipped config.yaml shows the key,
// off.
func TestCaptureAttachmentsShippedOff(t *testing.T) {
	path := filepath.Join("..", "..", "config.yaml")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Crawl.CaptureAttachments || !strings.Contains(string(data), "\n  capture_attachments: false\n") {
		t.Fatal("the shipped config.yaml must show capture_attachments, off")
	}
}
