package config

import (
	"bytes"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnvironmentAndFlags(t *testing.T) {
	t.Setenv("HUDDLE_ADDR", "127.0.0.1:9999")
	t.Setenv("HUDDLE_LOG_FORMAT", "json")
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c := Register(fs)
	if err := fs.Parse([]string{"--data-dir", t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9999" || c.LogFormat != "json" || !strings.HasSuffix(c.DatabaseURL, "huddle.db") {
		t.Fatalf("got %+v", c)
	}
}

func TestValidateRejectsBadValues(t *testing.T) {
	for _, c := range []Config{
		{DataDir: "d", LogLevel: "loud", LogFormat: "text", MaxUploadMB: 1},
		{DataDir: "d", LogLevel: "info", LogFormat: "text", MaxUploadMB: 0},
		{DataDir: "d", LogLevel: "info", LogFormat: "text", MaxUploadMB: 1, STTURL: "localhost:9000"},
		{DataDir: "d", LogLevel: "info", LogFormat: "xml", MaxUploadMB: 1},
		{DataDir: "d", LogLevel: "info", LogFormat: "text", MaxUploadMB: 1, BaseURL: "ftp://x"},
		{DataDir: "", LogLevel: "info", LogFormat: "text", MaxUploadMB: 1},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v: accepted", c)
		}
	}
}

func TestSecretIsGeneratedOnceAndNeverLogged(t *testing.T) {
	dir := t.TempDir()
	c := &Config{DataDir: dir, DatabaseURL: "postgres://huddle:hunter2@db/huddle", STTKey: "sk-verysecret"}
	if err := c.EnsureSecret(); err != nil {
		t.Fatal(err)
	}
	first := c.SecretKey
	c2 := &Config{DataDir: dir}
	if err := c2.EnsureSecret(); err != nil || c2.SecretKey != first {
		t.Fatalf("second run got a different key (%v)", err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "secret.key")); fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key mode %v, want 0600", fi.Mode().Perm())
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "cfg", *c)
	if strings.Contains(buf.String(), first) || strings.Contains(buf.String(), "hunter2") || strings.Contains(buf.String(), "verysecret") {
		t.Fatalf("log leaks a secret: %s", buf.String())
	}
}
