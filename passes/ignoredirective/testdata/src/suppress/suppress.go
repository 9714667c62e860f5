package suppress

func finding(...int) int { return 0 }
func use(...int)         {}
func other()             {}

func reported() {
	finding() // want `call of finding`
}

func sameLine() {
	finding() //fanoutlint:ignore toy the call is deliberate
}

func lineAbove() {
	//fanoutlint:ignore toy the call is deliberate
	finding()
}

func multiLineCallStartsBelowDirective() {
	//fanoutlint:ignore toy the finding starts on the next line
	finding(1,
		2)
}

func twoLinesAbove() {
	//fanoutlint:ignore toy only the next line is covered
	other()
	finding() // want `call of finding`
}

func listOfChecks() {
	finding() //fanoutlint:ignore other,toy both checks are deliberate
}

func otherCheckOnly() {
	finding() //fanoutlint:ignore other names another check // want `call of finding`
}

func noReason() {
	// want +1 `call of finding`
	finding() //fanoutlint:ignore toy
}

func noReasonAfterSlashes() {
	// want +1 `call of finding`
	finding() //fanoutlint:ignore toy //
}

func reasonAfterSlashes() {
	finding() //fanoutlint:ignore toy // nolint style: the reason follows //
}

func spaced() {
	finding() // fanoutlint:ignore toy the space makes it prose to gofmt // want `call of finding`
}

func unknownCheck() {
	finding() //fanoutlint:ignore nosuch a typo in the name // want `call of finding`
}

func blockComment() {
	finding() /*fanoutlint:ignore toy block comments are not directives*/ // want `call of finding`
}

func twoFindingsOneLine() {
	use(finding(), finding()) //fanoutlint:ignore toy both calls on the line
}
