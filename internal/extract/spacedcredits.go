package extract

import (
	"slices"
	"strings"
)

// spacedCredits reads l as a newsroom's sign-off written with spaces for
// colons (编辑 张磊 校对 杨利, （审核 王强）): roles of creditRoles, each
// followed by one Chinese name (chineseName), and nothing else. It
// returns the editor's name (editorRank; "" when no editor is named) and
// whether l is such a line.
func spacedCredits(l string) (editor string, ok bool) {
	if !runesAtMost(l, 60) || strings.ContainsAny(l, ":：。！？，；") {
		return "", false
	}
	toks := strings.Fields(strings.Trim(fold(l), " ()（）【】[]"))
	if len(toks) < 2 || len(toks)%2 != 0 {
		return "", false
	}
	rank := -1
	for i := 0; i < len(toks); i += 2 {
		role, name := toks[i], toks[i+1]
		if !slices.Contains(creditRoles, role) || !chineseName(name) {
			return "", false
		}
		if r := editorRank(role); r > rank {
			editor, rank = name, r
		}
	}
	return editor, true
}
