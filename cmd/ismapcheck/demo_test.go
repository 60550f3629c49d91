package main

import (
	"os"
	"strings"
	"testing"
)

// TestDemoListsEveryFile: the listing the demo prints names every file
// and folder it wrote, so a user (and the README) can rely on it.
func TestDemoListsEveryFile(t *testing.T) {
	dir := runDemo(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(sharedDemo.listing, "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, "  ") {
			listed[f[0]] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		t.Run(name, func(t *testing.T) {
			if !listed[name] {
				t.Errorf("the demo wrote %s but does not list it:\n%s", name, sharedDemo.listing)
			}
		})
	}
}
