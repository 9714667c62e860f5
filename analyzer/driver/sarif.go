package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The SARIF 2.1.0 subset fanoutlint writes. Field names follow the
// specification (OASIS SARIF 2.1.0, errata 01).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult                    `json:"results"`
		ColumnKind         string                           `json:"columnKind"`
		Invocations        []sarifInvocation                `json:"invocations,omitempty"`
	}
	// An invocation is written only when an analysis failed: it says
	// the run was not successful and carries the internal errors.
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifText         `json:"help"`
		HelpURI              string            `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
	}
	sarifRuleDefaults struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		BaselineState       string            `json:"baselineState,omitempty"`
		Properties          map[string]string `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int        `json:"startLine"`
		StartColumn int        `json:"startColumn"`
		EndLine     int        `json:"endLine"`
		EndColumn   int        `json:"endColumn"`
		Snippet     *sarifText `json:"snippet,omitempty"`
	}
)

const (
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	srcRoot     = "%SRCROOT%"
	// fingerprintKey names fanoutlint's partial fingerprint; the version
	// suffix changes if the way it is computed ever changes.
	fingerprintKey = "fanoutlint/v1"
	infoURI        = "https://pkg.go.dev/github.com/fanoutlint/fanoutlint"
)

// writeSARIF writes findings as a SARIF 2.1.0 log with one rule per
// analyzer that ran. Paths under root are written relative to it (the
// %SRCROOT% base), which is how code scanning matches them to the
// repository. The findings' fingerprints must have been set by
// setFingerprints.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, findings []finding, failures []string, root string, src sources) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "fanoutlint",
			Version:        version(),
			InformationURI: infoURI,
			Rules:          []sarifRule{},
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	if len(failures) > 0 {
		inv := sarifInvocation{ExecutionSuccessful: false}
		for _, msg := range failures {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifText{Text: msg}})
		}
		run.Invocations = []sarifInvocation{inv}
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: strings.TrimSuffix(fileURI(root), "/") + "/"}}
	}
	index := make(map[*analysis.Analyzer]int)
	for _, a := range analyzers {
		index[a] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}
	for _, f := range findings {
		i, ok := index[f.check]
		if !ok {
			return fmt.Errorf("finding of %s, which has no rule", f.check.Name)
		}
		res := sarifResult{
			RuleID:              f.check.Name,
			RuleIndex:           i,
			Level:               level(f.diag.Category),
			Message:             sarifText{Text: sentence(f.diag.Message)},
			Locations:           []sarifLocation{{PhysicalLocation: physical(f.start, f.end, root, src)}},
			PartialFingerprints: map[string]string{fingerprintKey: f.fingerprint},
			BaselineState:       f.baselineState,
		}
		if f.diag.Category != "" {
			res.Properties = map[string]string{"category": f.diag.Category}
		}
		for j, r := range f.related {
			id := j + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: physical(r.start, r.end, root, src),
				Message:          &sarifText{Text: sentence(r.message)},
			})
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// notePrefix marks the categories of findings that are true but of low
// consequence (goroutines that give nothing back, for instance): they
// are written at SARIF level note rather than error.
const notePrefix = "note/"

// level returns the SARIF level of a finding of the given category.
func level(category string) string {
	if strings.HasPrefix(category, notePrefix) {
		return "note"
	}
	return "error"
}

// rule describes analyzer a as a SARIF reporting descriptor.
func rule(a *analysis.Analyzer) sarifRule {
	full := body(a)
	if full == "" {
		full = title(a)
	}
	return sarifRule{
		ID:                   a.Name,
		ShortDescription:     sarifText{Text: sentence(title(a))},
		FullDescription:      sarifText{Text: sentence(firstParagraphs(full))},
		Help:                 sarifText{Text: a.Doc, Markdown: helpMarkdown(a)},
		HelpURI:              a.URL,
		DefaultConfiguration: sarifRuleDefaults{Level: "error"},
	}
}

// firstParagraphs returns the doc text before its first example or
// sub-section: the description proper.
func firstParagraphs(doc string) string {
	var out []string
	for p := range strings.SplitSeq(doc, "\n\n") {
		if strings.HasPrefix(p, "WRONG") || strings.HasPrefix(p, "RIGHT") || strings.HasPrefix(p, "# ") {
			break
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return doc
	}
	return strings.Join(out, "\n\n")
}

// helpMarkdown renders the doc of a as Markdown: a paragraph whose lines
// are all indented by a tab is Go code, and "# Heading" is a heading one
// level below the title.
func helpMarkdown(a *analysis.Analyzer) string {
	var paras []string
	for p := range strings.SplitSeq(a.Doc, "\n\n") {
		switch {
		case isCode(p):
			lines := strings.Split(p, "\n")
			for i, l := range lines {
				lines[i] = strings.TrimPrefix(l, "\t")
			}
			p = "```go\n" + strings.Join(lines, "\n") + "\n```"
		case strings.HasPrefix(p, "# "):
			p = "#" + p
		}
		paras = append(paras, p)
	}
	if a.URL != "" {
		paras = append(paras, fmt.Sprintf("[Documentation](%s)", a.URL))
	}
	return strings.Join(paras, "\n\n")
}

// isCode reports whether every line of paragraph p is indented by a tab.
func isCode(p string) bool {
	for l := range strings.SplitSeq(p, "\n") {
		if !strings.HasPrefix(l, "\t") {
			return false
		}
	}
	return true
}

// sentence ends a message with a period, as SARIF's guidance asks of
// message strings (fanoutlint's own messages have none, in Go style).
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// physical returns the SARIF location of the span start..end.
func physical(start, end token.Position, root string, src sources) sarifPhysicalLocation {
	loc := sarifArtifactLocation{}
	if rel, ok := relPath(root, start.Filename); ok {
		loc.URI, loc.URIBaseID = relativeURI(rel), srcRoot
	} else {
		loc.URI = fileURI(rel)
	}
	region := sarifRegion{
		StartLine:   start.Line,
		StartColumn: src.utf16Column(start),
		EndLine:     end.Line,
		EndColumn:   src.utf16Column(end),
	}
	if region.EndLine < region.StartLine || (region.EndLine == region.StartLine && region.EndColumn < region.StartColumn) {
		region.EndLine, region.EndColumn = region.StartLine, region.StartColumn
	} else if text := src.text(start, end); text != "" {
		region.Snippet = &sarifText{Text: text}
	}
	return sarifPhysicalLocation{ArtifactLocation: loc, Region: region}
}

// A fingerprinter computes partial fingerprints that survive unrelated
// edits: they hash the check, the file, the message and the text of the
// finding's first line (trimmed), not its line number, plus how many
// earlier findings in the log share all four, so repeated identical
// lines stay distinct.
type fingerprinter map[[sha256.Size]byte]int

// setFingerprints sets the fingerprint of each finding. It must see all
// findings of the run, in collect's order, before any is filtered out,
// so that a finding's fingerprint does not depend on which others are
// reported.
func setFingerprints(findings []finding, root string, src sources) {
	fp := make(fingerprinter)
	for i := range findings {
		findings[i].fingerprint = fp.next(findings[i], root, src)
	}
}

// next returns the fingerprint of f, the next finding in the log.
func (fp fingerprinter) next(f finding, root string, src sources) string {
	rel, _ := relPath(root, f.start.Filename)
	text := strings.TrimSpace(string(src.line(f.start.Filename, f.start.Line)))
	base := sha256.Sum256([]byte(strings.Join([]string{f.check.Name, rel, f.diag.Message, text}, "\x00")))
	n := fp[base]
	fp[base] = n + 1
	sum := sha256.Sum256(fmt.Appendf(base[:], "\x00%d", n))
	return hex.EncodeToString(sum[:16])
}

// version returns the module version fanoutlint was built from without
// its "v" (SARIF tools compare versions that start with a digit), or
// "0.0.0-devel" for a build from a work tree.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "0.0.0-devel"
}
