package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// mustNewFS returns a store in a fresh directory, and the directory.
func mustNewFS(tb testing.TB) (*FS, string) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "blobs")
	s, err := NewFS(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s, dir
}

// read returns the blob under key.
func read(tb testing.TB, s *FS, key string) string {
	tb.Helper()
	rc, err := s.Open(context.Background(), key)
	if err != nil {
		tb.Fatalf("Open(%q): %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// files lists every file under dir, relative and slash-separated.
func files(tb testing.TB, dir string) []string {
	tb.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestPutOpenDelete(t *testing.T) {
	s, dir := mustNewFS(t)
	ctx := context.Background()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("directory: %v, %v; want mode 0700", fi.Mode(), err)
	}
	const key = "recordings/3/ab12.mp3"
	if err := s.Put(ctx, key, strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, key); got != "first" {
		t.Errorf("read %q", got)
	}
	if err := s.Put(ctx, key, strings.NewReader("second")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, key); got != "second" {
		t.Errorf("after replace: %q", got)
	}
	if got := files(t, dir); len(got) != 1 || got[0] != key {
		t.Errorf("files %q, want only %s", got, key)
	}
	if fi, err := os.Stat(filepath.Join(dir, "recordings", "3", "ab12.mp3")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("blob file mode %v, %v; want 0600", fi.Mode(), err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, key); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open after Delete: %v, want fs.ErrNotExist", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Errorf("Delete of a missing blob: %v", err)
	}
	if err := s.Delete(ctx, "never/was.mp3"); err != nil {
		t.Errorf("Delete in a missing directory: %v", err)
	}
}

func TestOpenMissing(t *testing.T) {
	s, _ := mustNewFS(t)
	for _, key := range []string{"nope.mp3", "recordings/1/nope.mp3"} {
		if _, err := s.Open(context.Background(), key); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), key) {
			t.Errorf("Open(%q): %v, want fs.ErrNotExist naming the key", key, err)
		}
	}
	if err := s.Put(context.Background(), "recordings/1/a.mp3", strings.NewReader("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(context.Background(), "recordings/1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a directory: %v, want fs.ErrNotExist", err)
	}
	if err := s.Delete(context.Background(), "recordings/1"); err == nil {
		t.Error("Delete of a directory: no error")
	}
}

// failingReader yields some data, then an error.
type failingReader struct {
	data io.Reader
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func TestPutFailureLeavesNothing(t *testing.T) {
	s, dir := mustNewFS(t)
	ctx := context.Background()
	boom := errors.New("client went away")
	half := &failingReader{data: bytes.NewReader(make([]byte, 300_000)), err: boom}
	if err := s.Put(ctx, "recordings/1/a.mp3", half); !errors.Is(err, boom) {
		t.Fatalf("Put: %v, want %v", err, boom)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("files after a failed upload: %q", got)
	}
	// A failed replacement keeps the old blob.
	if err := s.Put(ctx, "recordings/1/a.mp3", strings.NewReader("old")); err != nil {
		t.Fatal(err)
	}
	half = &failingReader{data: strings.NewReader("new, but cut"), err: boom}
	if err := s.Put(ctx, "recordings/1/a.mp3", half); !errors.Is(err, boom) {
		t.Fatalf("Put: %v, want %v", err, boom)
	}
	if got := read(t, s, "recordings/1/a.mp3"); got != "old" {
		t.Errorf("after a failed replacement: %q, want old", got)
	}
	if got := files(t, dir); len(got) != 1 {
		t.Errorf("files %q", got)
	}
}

func TestPutCancelled(t *testing.T) {
	s, dir := mustNewFS(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := io.MultiReader(strings.NewReader("some"), readerFunc(func(p []byte) (int, error) {
		cancel()
		return copy(p, "more"), nil
	}), strings.NewReader("rest"))
	if err := s.Put(ctx, "a.mp3", r); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put: %v, want context.Canceled", err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("files after a cancelled upload: %q", got)
	}
}

func TestHostileKeys(t *testing.T) {
	s, dir := mustNewFS(t)
	outside := filepath.Dir(dir)
	ctx := context.Background()
	for _, key := range []string{
		"", "/etc/passwd", "../escape", "a/../../escape", "a/..", "..", ".", "./a", "a/./b", "a//b", "a/", "/",
		`a\b`, `..\..\escape`, "C:/x", "c:escape", "a\x00b", "a\nb", ".hidden", "a/.tmp-123", "a/ b", "a /b",
		"\xff", strings.Repeat("a", MaxSegmentBytes+1), strings.Repeat("a/", MaxKeyBytes/2) + "a",
	} {
		if err := s.Put(ctx, key, strings.NewReader("x")); !errors.Is(err, ErrBadKey) {
			t.Errorf("Put(%q): %v, want ErrBadKey", key, err)
		}
		if _, err := s.Open(ctx, key); !errors.Is(err, ErrBadKey) {
			t.Errorf("Open(%q): %v, want ErrBadKey", key, err)
		}
		if err := s.Delete(ctx, key); !errors.Is(err, ErrBadKey) {
			t.Errorf("Delete(%q): %v, want ErrBadKey", key, err)
		}
	}
	if got := files(t, outside); len(got) != 0 {
		t.Errorf("files written: %q", got)
	}
}

// TestSymlinkEscape: a link planted in the store (by another program, or
// an old bug) cannot lead a key outside it.
func TestSymlinkEscape(t *testing.T) {
	s, dir := mustNewFS(t)
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.MkdirAll(secret, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(secret, "key.pem"), []byte("PRIVATE"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	ctx := context.Background()
	if _, err := s.Open(ctx, "link/key.pem"); err == nil {
		t.Error("Open through a link out of the store succeeded")
	}
	if err := s.Put(ctx, "link/new.mp3", strings.NewReader("x")); err == nil {
		t.Error("Put through a link out of the store succeeded")
	}
	if err := s.Delete(ctx, "link/key.pem"); err == nil {
		t.Error("Delete through a link out of the store succeeded")
	}
	if entries, _ := os.ReadDir(secret); len(entries) != 1 {
		t.Errorf("outside directory now holds %d files", len(entries))
	}
}

func TestConcurrentPuts(t *testing.T) {
	s, dir := mustNewFS(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			body := strings.Repeat(string(rune('a'+i)), 10_000)
			if err := s.Put(context.Background(), "shared/same.mp3", strings.NewReader(body)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := read(t, s, "shared/same.mp3")
	if len(got) != 10_000 || strings.Count(got, got[:1]) != len(got) {
		t.Errorf("blob is a mixture of writes: %d bytes starting %q", len(got), got[:10])
	}
	if f := files(t, dir); len(f) != 1 {
		t.Errorf("files %q", f)
	}
}

func TestNewFS(t *testing.T) {
	if _, err := NewFS(""); err == nil {
		t.Error("NewFS(\"\"): no error")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := NewFS(file); err == nil {
		t.Error("NewFS(a file): no error")
	}
	// An existing directory is used as it is.
	dir := t.TempDir()
	s, err := NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Put(context.Background(), "k", strings.NewReader("v")); err != nil {
		t.Fatal(err)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
