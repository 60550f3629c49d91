package templates

import _ "embed"

// DemoScenario is the synthetic agency, CSP, answers and risk decisions
// used by "ismapcheck demo" (JSON; see demo/scenario.json).
//
//go:embed demo/scenario.json
var DemoScenario []byte
