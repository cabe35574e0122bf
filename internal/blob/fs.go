// Package blob stores recordings and other large files by key.
//
// Keys are slash-separated relative paths such as recordings/3/ab12.mp3.
// FS keeps them in a directory on local disk; an S3-compatible store could
// offer the same three methods.
package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// FS stores blobs as files under one directory. Every access goes through
// an os.Root, so not even a symbolic link placed in the directory can lead
// outside it. It is safe for concurrent use.
type FS struct {
	root *os.Root
}

// NewFS stores blobs under dir, creating it (mode 0700) if needed.
func NewFS(dir string) (*FS, error) {
	if dir == "" {
		return nil, errors.New("blob: no directory given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("blob: create directory: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: open directory: %w", err)
	}
	return &FS{root: root}, nil
}

// Close releases the directory. The FS cannot be used afterwards.
func (s *FS) Close() error { return s.root.Close() }

// Put stores the contents of r under key, replacing any blob there. The
// data goes to a temporary file beside the final one, is synced, then
// renamed into place: a reader sees the old blob or the whole new one,
// and a failed or cancelled upload leaves nothing behind.
func (s *FS) Put(ctx context.Context, key string, r io.Reader) (err error) {
	if err := CheckKey(key); err != nil {
		return err
	}
	dir := path.Dir(key)
	if dir != "." {
		if err := s.root.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("blob %q: create directory: %w", key, err)
		}
	}
	tmp, f, err := s.createTemp(dir)
	if err != nil {
		return fmt.Errorf("blob %q: %w", key, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = s.root.Remove(tmp)
		}
	}()
	if _, err := io.Copy(f, contextReader{ctx, r}); err != nil {
		return fmt.Errorf("blob %q: write: %w", key, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("blob %q: sync: %w", key, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("blob %q: close: %w", key, err)
	}
	if err := s.root.Rename(tmp, key); err != nil {
		return fmt.Errorf("blob %q: rename into place: %w", key, err)
	}
	return s.syncDir(dir) // make the rename itself durable
}

// Open returns the blob stored under key. A missing blob gives an error
// that wraps fs.ErrNotExist.
func (s *FS) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := s.root.Open(key)
	if err != nil {
		return nil, fmt.Errorf("blob %q: %w", key, err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		_ = f.Close()
		if err == nil {
			err = fmt.Errorf("not a file: %w", fs.ErrNotExist)
		}
		return nil, fmt.Errorf("blob %q: %w", key, err)
	}
	return f, nil
}

// Delete removes the blob stored under key. A missing blob is not an
// error. Emptied directories are left in place.
func (s *FS) Delete(ctx context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if fi, err := s.root.Lstat(key); err == nil && fi.IsDir() {
		return fmt.Errorf("blob %q: is a directory", key)
	}
	if err := s.root.Remove(key); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob %q: %w", key, err)
	}
	return nil
}

// tempPrefix starts the names of files being written; keys cannot start
// with a dot, so no key can name one.
const tempPrefix = ".tmp-"

// createTemp creates a new, empty file in dir that no key can name.
func (s *FS) createTemp(dir string) (string, *os.File, error) {
	for range 10 {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		name := path.Join(dir, tempPrefix+hex.EncodeToString(b))
		f, err := s.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, fmt.Errorf("create temporary file: %w", err)
		}
		return name, f, nil
	}
	return "", nil, errors.New("create temporary file: too many name collisions")
}

// syncDir flushes a directory's entries to disk.
func (s *FS) syncDir(dir string) error {
	d, err := s.root.Open(dir)
	if err != nil {
		return fmt.Errorf("blob directory %q: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("blob directory %q: sync: %w", dir, err)
	}
	return nil
}

// contextReader stops a copy when its context ends.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
