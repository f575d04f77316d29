package evaluator

import (
	"fmt"

	"iamtui/model"
)

// orgIndex holds, for each account placed in the organization tree, its
// SCP and RCP levels from the root down to the account. An account whose
// every level has only the full-access default has no entry: nothing there
// can deny. Accounts not in the tree (the management account, outsiders)
// are not limited, as AWS does not limit the management account.
type orgIndex struct {
	scp map[string][][]*cpolicy
	rcp map[string][][]*cpolicy
}

var (
	defaultSCP = mustDefault(fullAWSAccessText, "FullAWSAccess", SCP)
	defaultRCP = mustDefault(rcpFullAWSAccessText, "RCPFullAWSAccess", RCP)
)

func (o *orgIndex) compile(org *model.Organization) error {
	o.scp, o.rcp = map[string][][]*cpolicy{}, map[string][][]*cpolicy{}
	if org == nil {
		return nil
	}
	parent := map[string]string{}
	for _, n := range org.Nodes {
		parent[n.ID] = n.ParentID
	}
	attached := map[string][]*cpolicy{} // TARGET + "/" + kind
	for _, p := range org.Policies {
		if p == nil || p.Document == nil {
			continue
		}
		typ := SCP
		if p.Kind == model.RCP {
			typ = RCP
		}
		cp, err := compilePolicy(p.Document, p.TargetID+"/"+string(p.Kind)+"/"+p.Name, p.Name, typ)
		if err != nil {
			return fmt.Errorf("organization policy %s on %s: %w", p.Name, p.TargetID, err)
		}
		k := p.TargetID + "/" + string(p.Kind)
		attached[k] = append(attached[k], cp)
	}
	for _, n := range org.Nodes {
		if !isAccountID(n.ID) {
			continue
		}
		// The path from the account up to the root, guarding against cycles.
		var path []string
		seen := map[string]bool{}
		for id := n.ID; id != "" && !seen[id] && len(path) < 16; id = parent[id] {
			seen[id] = true
			path = append(path, id)
		}
		for _, kind := range []model.OrgPolicyKind{model.SCP, model.RCP} {
			def, dst := defaultSCP, o.scp
			if kind == model.RCP {
				def, dst = defaultRCP, o.rcp
			}
			levels := make([][]*cpolicy, 0, len(path))
			custom := false
			for i := len(path) - 1; i >= 0; i-- {
				ps := attached[path[i]+"/"+string(kind)]
				switch {
				case len(ps) == 0:
					ps = []*cpolicy{def}
				case kind == model.RCP:
					// AWS attaches RCPFullAWSAccess to every node and it
					// cannot be detached: custom RCPs can only deny.
					ps = append([]*cpolicy{def}, ps...)
					custom = true
				default:
					custom = true
				}
				levels = append(levels, ps)
			}
			if custom {
				dst[n.ID] = levels
			}
		}
	}
	return nil
}

// rcpServices are the services whose resources RCPs govern; an RCP's
// statements have no effect on other services' resources.
var rcpServices = map[string]bool{
	"s3": true, "sts": true, "sqs": true, "kms": true, "secretsmanager": true,
	"ecr": true, "aoss": true, "cognito-identity": true, "dynamodb": true, "logs": true,
}
