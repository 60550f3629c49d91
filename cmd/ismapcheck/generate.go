package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Scaffolding: replaced by the issue that builds this command.
func newGenerateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "generate",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("generate: not built yet")
		},
	}
}
