package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// Scaffolding: replaced by the issue that builds this command.
func newRiskSheetCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:    "risk-sheet",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("risk-sheet: not built yet")
		},
	}
}
