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
		path := writeCase(t, dir, i, tc.yaml)
		cfg, err := Load(path)
		if tc.line == 0 && (err != nil || cfg.Crawl.CaptureAttachments != tc.want) {
			t.Errorf("%q: capture_attachments = %v, %v; want %v", tc.yaml, cfg.Crawl.CaptureAttachments, err, tc.want)
		}
		if tc.line > 0 {
			wantError(t, err, path, tc.line, tc.names)
		}
	}
}

// writeCase writes yaml as the i-th config file of dir and returns its path.
func writeCase(t *testing.T, dir string, i int, yaml string) string {
	t.Helper()
	path := filepath.Join(dir, "config"+string(rune('a'+i))+".yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantError checks that err is a *Error at path and line, naming names.
func wantError(t *testing.T, err error, path string, line int, names string) {
	t.Helper()
	var ce *Error
	switch {
	case !errors.As(err, &ce):
		t.Errorf("%s: want a *config.Error, got %v", path, err)
	case ce.File != path || ce.Line != line || !strings.Contains(ce.Error(), names) || !strings.HasPrefix(ce.Error(), path+":"):
		t.Errorf("error %q: want %s:%d: naming %q", ce.Error(), path, line, names)
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
