package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"iamtui/model/policy"
)

// The JSON report follows Access Analyzer's validate-policy output, one
// findings list per document. AWS's spans differ from our Finding
// positions: a span's line is 1-based but its column is 0-based, its offset
// counts characters (not bytes) from the start of the document, and its end
// is exclusive. The report uses AWS's conventions so tools written for
// validate-policy read it unchanged; the text and SARIF outputs use 1-based
// columns.

type jsonReport struct {
	Tool      string         `json:"tool"`
	Catalog   string         `json:"catalog,omitempty"`
	Documents []jsonDocument `json:"documents"`
}

type jsonDocument struct {
	URI        string        `json:"uri"`
	Entity     string        `json:"entity,omitempty"`
	NonDefault bool          `json:"nonDefaultVersion,omitempty"`
	Findings   []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	FindingType    string         `json:"findingType"`
	IssueCode      string         `json:"issueCode"`
	FindingDetails string         `json:"findingDetails"`
	LearnMoreLink  string         `json:"learnMoreLink"`
	Suggestion     string         `json:"suggestion,omitempty"`
	Locations      []jsonLocation `json:"locations"`
}

type jsonLocation struct {
	Path []jsonPathElement `json:"path"`
	Span jsonSpan          `json:"span"`
}

type jsonPathElement struct {
	Value string `json:"value,omitempty"`
	Index *int   `json:"index,omitempty"`
}

type jsonSpan struct {
	Start jsonPosition `json:"start"`
	End   jsonPosition `json:"end"`
}

type jsonPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// awsPosition converts a Pos to AWS's conventions (0-based column,
// character offset).
func awsPosition(text string, p policy.Pos) jsonPosition {
	off := p.Offset
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	return jsonPosition{Line: max(p.Line, 1), Column: max(p.Column-1, 0), Offset: utf8.RuneCountInString(text[:off])}
}

// WriteJSON writes documents' findings in Access Analyzer's shape.
func WriteJSON(w io.Writer, catalogVersion string, docs []EntityFindings) error {
	rep := jsonReport{Tool: "iamtui lint", Catalog: catalogVersion, Documents: []jsonDocument{}}
	for _, d := range docs {
		jd := jsonDocument{URI: d.URI, Entity: d.Entity, NonDefault: d.NonDefault, Findings: []jsonFinding{}}
		for _, f := range d.Findings {
			loc := jsonLocation{Path: []jsonPathElement{}, Span: jsonSpan{Start: awsPosition(d.Text, f.Pos), End: awsPosition(d.Text, f.End)}}
			if f.StatementIndex >= 0 {
				i := f.StatementIndex
				loc.Path = append(loc.Path, jsonPathElement{Value: "Statement"}, jsonPathElement{Index: &i})
			}
			jd.Findings = append(jd.Findings, jsonFinding{
				FindingType: f.Category.String(), IssueCode: f.Code, FindingDetails: f.Message,
				LearnMoreLink: f.LearnMore, Suggestion: f.Suggestion, Locations: []jsonLocation{loc},
			})
		}
		rep.Documents = append(rep.Documents, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// SARIF 2.1.0, the subset code-scanning tools (GitHub, GitLab, VS Code's
// viewer) read: one run, the checks used as rules, one result per finding.

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type SarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SarifRun `json:"runs"`
}

type SarifRun struct {
	Tool    SarifTool     `json:"tool"`
	Results []SarifResult `json:"results"`
}

type SarifTool struct {
	Driver SarifDriver `json:"driver"`
}

type SarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []SarifRule `json:"rules"`
}

type SarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     SarifMessage      `json:"shortDescription"`
	FullDescription      SarifMessage      `json:"fullDescription"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration SarifRuleConfig   `json:"defaultConfiguration"`
	Properties           map[string]string `json:"properties,omitempty"`
}

type SarifRuleConfig struct {
	Level string `json:"level"`
}

type SarifMessage struct {
	Text string `json:"text"`
}

type SarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   SarifMessage    `json:"message"`
	Locations []SarifLocation `json:"locations"`
}

type SarifLocation struct {
	PhysicalLocation SarifPhysical `json:"physicalLocation"`
}

type SarifPhysical struct {
	ArtifactLocation SarifArtifact `json:"artifactLocation"`
	Region           SarifRegion   `json:"region"`
}

type SarifArtifact struct {
	URI string `json:"uri"`
}

// SarifRegion columns are 1-based characters and endColumn is exclusive,
// which is our Pos/End convention.
type SarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// SarifLevel maps a category to a SARIF level.
func SarifLevel(c Category) string {
	switch c {
	case Error, SecurityWarning:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// SARIF builds a SARIF log of documents' findings.
func SARIF(toolVersion string, docs []EntityFindings) SarifLog {
	used := map[string]bool{}
	for _, d := range docs {
		for _, f := range d.Findings {
			used[f.Code] = true
		}
	}
	codes := make([]string, 0, len(used))
	for c := range used {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	index := map[string]int{}
	rules := make([]SarifRule, 0, len(codes))
	for i, code := range codes {
		index[code] = i
		c := checks[code]
		rules = append(rules, SarifRule{
			ID: code, Name: c.Title,
			ShortDescription: SarifMessage{Text: c.Title}, FullDescription: SarifMessage{Text: c.Detail},
			HelpURI:              learnMore(c),
			DefaultConfiguration: SarifRuleConfig{Level: SarifLevel(c.Category)},
			Properties:           map[string]string{"category": c.Category.String()},
		})
	}
	run := SarifRun{
		Tool: SarifTool{Driver: SarifDriver{Name: "iamtui lint", Version: toolVersion,
			InformationURI: docBase, Rules: rules}},
		Results: []SarifResult{},
	}
	for _, d := range docs {
		for _, f := range d.Findings {
			msg := f.Message
			if f.Suggestion != "" {
				msg += " (suggestion: " + f.Suggestion + ")"
			}
			if d.Entity != "" && d.Entity != d.URI {
				msg = d.Entity + ": " + msg
			}
			end := f.End
			if end.Line < f.Pos.Line || end.Line == f.Pos.Line && end.Column <= f.Pos.Column {
				end = policy.Pos{Line: f.Pos.Line, Column: f.Pos.Column + 1}
			}
			run.Results = append(run.Results, SarifResult{
				RuleID: f.Code, RuleIndex: index[f.Code], Level: SarifLevel(f.Category),
				Message: SarifMessage{Text: msg},
				Locations: []SarifLocation{{PhysicalLocation: SarifPhysical{
					ArtifactLocation: SarifArtifact{URI: d.URI},
					Region: SarifRegion{StartLine: max(f.Pos.Line, 1), StartColumn: max(f.Pos.Column, 1),
						EndLine: max(end.Line, 1), EndColumn: max(end.Column, 1)},
				}}},
			})
		}
	}
	return SarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []SarifRun{run}}
}

// WriteSARIF writes documents' findings as SARIF 2.1.0.
func WriteSARIF(w io.Writer, toolVersion string, docs []EntityFindings) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(SARIF(toolVersion, docs)); err != nil {
		return fmt.Errorf("write SARIF report: %w", err)
	}
	return nil
}
