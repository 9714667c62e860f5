package directives

func finding() {}
func other()   {}

// Well-formed and used: silent.
func used() {
	finding() //fanoutlint:ignore toy deliberate
	//fanoutlint:ignore toy deliberate
	finding()
}

// A directive for a known check that did not run is not judged.
func notRun() {
	other() //fanoutlint:ignore other the other check is disabled here
}

func unused() {
	other() //fanoutlint:ignore toy stale // want `//fanoutlint:ignore toy suppresses nothing: no toy finding on this line or the next`
}

func unusedForOneOfTwo() {
	finding() //fanoutlint:ignore toy,toy2 toy2 never fires here // want `//fanoutlint:ignore toy2 suppresses nothing`
}

func noReason() {
	// want +1 `//fanoutlint:ignore toy has no reason: say why the finding does not apply`
	finding() //fanoutlint:ignore toy
}

func noCheck() {
	// want +1 `malformed //fanoutlint:ignore directive: want //fanoutlint:ignore <check> <reason>`
	finding() //fanoutlint:ignore
}

func unknownCheck() {
	finding() //fanoutlint:ignore nosuch typo // want `//fanoutlint:ignore names unknown check "nosuch" \(checks: toy, toy2, other\)`
}

func spaced() {
	finding() // fanoutlint:ignore toy spaced // want `write //fanoutlint:ignore with no space after //`
}

func unknownDirective() {
	finding() //fanoutlint:silence toy reason // want `unknown directive //fanoutlint:silence: the only one is //fanoutlint:ignore`
}

// Prose that mentions the tool is not a directive.
// fanoutlint: reports risky fan-out.
func prose() {}
