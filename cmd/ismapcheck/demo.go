package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Scaffolding: replaced by the issue that builds this command.
func newDemoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "demo",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("demo: not built yet")
		},
	}
}
