// Package config holds Huddle's typed configuration, read once from flags
// and HUDDLE_* environment variables, validated, and passed down explicitly.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is everything an operator can set.
type Config struct {
	DatabaseURL string // postgres://… or a SQLite path; default <data dir>/huddle.db
	Addr        string // listen address
	DataDir     string // where SQLite, recordings and the generated secret live
	BaseURL     string // public URL, e.g. https://huddle.example.com; derived from Addr when empty
	LogLevel    string // debug, info, warn, error
	LogFormat   string // text or json
	SecretKey   string // never logged; generated and stored on first run when empty
	MaxUploadMB int64  // largest call upload, in MB
	MaxUpload   int64  // the same in bytes, set by Validate
	// Speech-to-text: an OpenAI-compatible /v1/audio/transcriptions service.
	STTURL, STTKey, STTModel string
	// Optional AI summaries: an OpenAI-compatible chat completions service.
	LLMURL, LLMKey, LLMModel string
	// Workers is how many background jobs run at once in this instance.
	Workers int
}

// Defaults for a laptop.
const (
	DefaultAddr      = "127.0.0.1:8080"
	DefaultDataDir   = "huddle-data"
	DefaultMaxUpload = 200 << 20
)

// Register adds the shared flags to fs, with defaults taken from the
// environment, and returns the Config they fill.
func Register(fs *flag.FlagSet) *Config {
	c := &Config{}
	fs.StringVar(&c.DatabaseURL, "database-url", env("HUDDLE_DATABASE_URL", ""), "PostgreSQL URL (postgres://…) or SQLite file; default: <data-dir>/huddle.db [HUDDLE_DATABASE_URL]")
	fs.StringVar(&c.Addr, "addr", env("HUDDLE_ADDR", DefaultAddr), "listen address [HUDDLE_ADDR]")
	fs.StringVar(&c.DataDir, "data-dir", env("HUDDLE_DATA_DIR", DefaultDataDir), "data directory [HUDDLE_DATA_DIR]")
	fs.StringVar(&c.BaseURL, "base-url", env("HUDDLE_BASE_URL", ""), "public base URL, e.g. https://huddle.example.com [HUDDLE_BASE_URL]")
	fs.StringVar(&c.LogLevel, "log-level", env("HUDDLE_LOG_LEVEL", "info"), "debug, info, warn or error [HUDDLE_LOG_LEVEL]")
	fs.StringVar(&c.LogFormat, "log-format", env("HUDDLE_LOG_FORMAT", "text"), "text or json [HUDDLE_LOG_FORMAT]")
	fs.StringVar(&c.STTURL, "stt-url", env("HUDDLE_STT_URL", ""), "speech-to-text service (OpenAI-compatible), e.g. http://127.0.0.1:9000 [HUDDLE_STT_URL]")
	fs.StringVar(&c.STTModel, "stt-model", env("HUDDLE_STT_MODEL", "whisper-1"), "speech-to-text model [HUDDLE_STT_MODEL]")
	fs.Int64Var(&c.MaxUploadMB, "max-upload-mb", envInt("HUDDLE_MAX_UPLOAD_MB", DefaultMaxUpload>>20), "largest call upload in MB [HUDDLE_MAX_UPLOAD_MB]")
	fs.IntVar(&c.Workers, "workers", int(envInt("HUDDLE_WORKERS", 2)), "background jobs run at once [HUDDLE_WORKERS]")
	c.SecretKey = os.Getenv("HUDDLE_SECRET_KEY") // environment only: flags show up in ps
	fs.StringVar(&c.LLMURL, "llm-url", env("HUDDLE_LLM_URL", ""), "chat model for optional call summaries (OpenAI-compatible); off when empty [HUDDLE_LLM_URL]")
	fs.StringVar(&c.LLMModel, "llm-model", env("HUDDLE_LLM_MODEL", "default"), "chat model name [HUDDLE_LLM_MODEL]")
	c.STTKey = os.Getenv("HUDDLE_STT_KEY")
	c.LLMKey = os.Getenv("HUDDLE_LLM_KEY")
	return c
}

func envInt(key string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(key), 10, 64); err == nil {
		return v
	}
	return def
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// Validate checks the values and fills derived defaults.
func (c *Config) Validate() error {
	if c.DataDir == "" {
		return errors.New("config: --data-dir must not be empty")
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.DataDir, "huddle.db")
	}
	if c.MaxUploadMB <= 0 || c.MaxUploadMB > 10<<10 {
		return fmt.Errorf("config: --max-upload-mb %d: use 1 to 10240", c.MaxUploadMB)
	}
	c.MaxUpload = c.MaxUploadMB << 20
	if c.Workers < 0 || c.Workers > 64 {
		return fmt.Errorf("config: --workers %d: use 0 to 64", c.Workers)
	}
	for flag, v := range map[string]string{"stt-url": c.STTURL, "llm-url": c.LLMURL} {
		if u, err := url.Parse(v); v != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			return fmt.Errorf("config: --%s %q: use an absolute http(s) URL", flag, v)
		}
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("config: --log-format %q: use text or json", c.LogFormat)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("config: --base-url %q: use an absolute http(s) URL", c.BaseURL)
		}
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	}
	return nil
}

// Level returns the slog level named by LogLevel.
func (c *Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("config: --log-level %q: use debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// Secure reports whether cookies must be marked Secure (the public URL is HTTPS).
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// IsPostgres reports whether the database is PostgreSQL.
func (c *Config) IsPostgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// EnsureSecret loads the secret key from <data dir>/secret.key, creating it
// on first run, unless HUDDLE_SECRET_KEY gave one.
func (c *Config) EnsureSecret() error {
	if c.SecretKey != "" {
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("config: data dir: %w", err)
	}
	path := filepath.Join(c.DataDir, "secret.key")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		c.SecretKey = strings.TrimSpace(string(b))
		return nil
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	c.SecretKey = hex.EncodeToString(key)
	if err := os.WriteFile(path, []byte(c.SecretKey+"\n"), 0o600); err != nil {
		return fmt.Errorf("config: write secret key: %w", err)
	}
	return nil
}

// LogValue keeps the secret out of logs whenever a Config is logged.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr), slog.String("data_dir", c.DataDir),
		slog.String("database", redactURL(c.DatabaseURL)), slog.String("base_url", c.BaseURL),
		slog.String("log_level", c.LogLevel), slog.String("stt_url", redactURL(c.STTURL)),
		slog.Bool("stt_key_set", c.STTKey != ""), slog.String("llm_url", redactURL(c.LLMURL)),
		slog.String("secret_key", "[redacted]"))
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "redacted")
	}
	return u.String()
}

// Logger builds the slog logger the configuration asks for.
func (c *Config) Logger(w *os.File) *slog.Logger {
	level, _ := c.Level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
