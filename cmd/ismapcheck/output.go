package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes path through a temporary file in the same folder
// and renames it into place, so a reader never sees a half-written file.
// An existing path is refused unless force is set.
func writeFileAtomic(path string, force bool, write func(w io.Writer) error) (err error) {
	if path == "" {
		return usageBoth("no output file given (-o)", "出力先(-o)を指定してください")
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return usageBoth("%q already exists; use --force to overwrite", "出力先 %q は既に存在します（上書きするには --force）", path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("checking %q: %w", path, err)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("creating a temporary file beside %q: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %q: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %q: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %q: %w", path, err)
	}
	if !force {
		// Link fails if path appeared meanwhile; rename would replace it.
		if err = os.Link(tmp.Name(), path); err == nil {
			os.Remove(tmp.Name())
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			os.Remove(tmp.Name())
			return usageBoth("%q already exists; use --force to overwrite", "出力先 %q は既に存在します（上書きするには --force）", path)
		}
		// File systems without hard links fall back to rename.
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("moving the output into place at %q: %w", path, err)
	}
	return nil
}
