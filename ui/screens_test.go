package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Every README scene renders and shows what its caption promises.
func TestScenes(t *testing.T) {
	want := map[string][]string{
		"browse": {"head-chef-hana", "Effective policies"},
		"detail": {"HeadChefExtras", "PickTheWine"},
		"editor": {"s3:GetObjects", "INVALID_ACTION", "did you mean s3:GetObject"},
		"can":    {"✖ DENIED", "NoWineOnDuty", "explicit deny"},
		"whocan": {"head-chef-hana", "TheHeadChefCoversAShift", "outsider account 444455556666", "if sts:ExternalId"},
		"help":   {"Navigate", "undo the last change"},
	}
	for _, s := range Scenes() {
		text, _, _, err := RenderScene(s, true)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		mustContain(t, ansi.Strip(text), want[s.Name]...)
	}
}
