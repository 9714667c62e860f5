package driver

import (
	"fmt"
	"io"
	"strings"
)

// writeAnnotations prints one GitHub Actions error annotation per
// finding, as a workflow command that the runner turns into an
// annotation on the pull request's diff.
//
// Each internal error (see internalErrors) is an annotation too, without
// a file, so that the failure shows on the run's summary.
func writeAnnotations(w io.Writer, findings []finding, failures []string, root string, src sources) error {
	for _, f := range findings {
		file, _ := relPath(root, f.start.Filename)
		props := []string{
			"file=" + escapeProperty(file),
			fmt.Sprintf("line=%d", f.start.Line),
			fmt.Sprintf("endLine=%d", f.end.Line),
		}
		// GitHub uses columns only within a single line.
		if f.start.Line == f.end.Line {
			props = append(props,
				fmt.Sprintf("col=%d", src.utf16Column(f.start)),
				fmt.Sprintf("endColumn=%d", src.utf16Column(f.end)))
		}
		props = append(props, "title="+escapeProperty("fanoutlint "+f.check.Name))
		if _, err := fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), escapeData(f.diag.Message)); err != nil {
			return err
		}
	}
	for _, msg := range failures {
		if _, err := fmt.Fprintf(w, "::error title=fanoutlint internal error::%s\n", escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as the Actions runner
// expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, which must
// also not contain the ':' and ',' that delimit properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
