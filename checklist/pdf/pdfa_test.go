package pdf

import (
	"testing"

	"github.com/ismapcheck/ismapcheck/checklist/pdf/internal/pdfatest"
)

// TestRenderPDFA checks the sample report clause by clause against the
// PDF/A-3b rules pdfatest knows (see README "PDF/A-3b").
func TestRenderPDFA(t *testing.T) {
	data, _ := renderSample(t, sampleReport())
	for _, f := range pdfatest.Check(data) {
		t.Errorf("%s", f)
	}
}
