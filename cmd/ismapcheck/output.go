package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// writeOutput writes a command's output file: "-" is standard output
// (refused when it is a terminal: the formats written this way are binary),
// anything else goes through writeFileAtomic. An output that is the same
// file as one of inputs is refused: --force must never overwrite what the
// run reads.
func (a *app) writeOutput(path string, force bool, inputs []string, write func(w io.Writer) error) error {
	if path == "-" {
		if isTerminal(a.stdout) {
			return usageBoth("-o - writes binary data; redirect standard output to a file or a pipe", "-o - はバイナリを出力します。標準出力をファイルかパイプにリダイレクトしてください")
		}
		return write(a.stdout)
	}
	if err := notAnInput(path, inputs); err != nil {
		return err
	}
	return writeFileAtomic(path, force, write)
}

// summaryTo is where a command reports what it wrote: stderr when the
// output itself goes to stdout.
func (a *app) summaryTo(out string) io.Writer {
	if out == "-" {
		return a.stderr
	}
	return a.text()
}

// notAnInput refuses an output path that names the same file as an input.
func notAnInput(out string, inputs []string) error {
	ost, err := os.Stat(out)
	if err != nil {
		return nil // does not exist yet: cannot be an input
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(ost, ist) {
			return usageBoth("the output %q is the input %q; write to another file", "出力先 %q は入力 %q と同じファイルです。別のファイルを指定してください", out, in)
		}
	}
	return nil
}

// temps are the temporary files being written, removed by removeTemps when
// the process is interrupted.
var temps = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

func trackTemp(name string, on bool) {
	temps.Lock()
	defer temps.Unlock()
	if on {
		temps.m[name] = true
	} else {
		delete(temps.m, name)
	}
}

// removeTemps removes every temporary output file still being written (on
// Ctrl-C or SIGTERM), so an interrupted run leaves nothing behind.
func removeTemps() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.m {
		os.Remove(name)
		delete(temps.m, name)
	}
}

// writeFileAtomic writes path through a temporary file in the same folder
// and renames it into place, so a reader never sees a half-written file.
// An existing path is refused unless force is set.
func writeFileAtomic(path string, force bool, write func(w io.Writer) error) (err error) {
	if path == "" {
		return usageBoth("no output file given (-o)", "出力先(-o)を指定してください")
	}
	if st, err := os.Stat(path); err == nil {
		if !force {
			return usageBoth("%q already exists; use --force to overwrite", "出力先 %q は既に存在します（上書きするには --force）", path)
		}
		// --force replaces a file, never a directory, FIFO or device.
		if !st.Mode().IsRegular() {
			en, ja := modeWords(st.Mode())
			return usageBoth("%[1]q is %[2]s, not a regular file; --force replaces files only", "出力先 %[1]q は%[3]sです。--force で置き換えられるのは通常のファイルだけです", path, en, ja)
		}
	} else if _, lerr := os.Lstat(path); lerr == nil && !force {
		return usageBoth("%q already exists; use --force to overwrite", "出力先 %q は既に存在します（上書きするには --force）", path) // a dangling link
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %q: %w", path, err)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageBoth("the folder of the output %q does not exist", "出力先 %q のフォルダがありません", path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("creating a temporary file beside %q: %w", path, err)
	}
	trackTemp(tmp.Name(), true)
	defer trackTemp(tmp.Name(), false)
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

// modeWords names what a non-regular file is.
func modeWords(m fs.FileMode) (en, ja string) {
	switch {
	case m.IsDir():
		return "a directory", "ディレクトリ"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)", "名前付きパイプ（FIFO）"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device", "デバイス"
	case m&fs.ModeSocket != 0:
		return "a socket", "ソケット"
	}
	return "a special file", "特殊なファイル"
}
