package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Scaffolding: replaced by the issue that builds this command.
func newIngestCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "ingest",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("ingest: not built yet")
		},
	}
}
