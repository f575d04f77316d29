package edit

import (
	"fmt"
	"strings"

	"iamtui/model"
)

// tagTarget finds a taggable entity: a user, a role or a customer-managed
// policy (name is then an ARN or a policy name). AWS does not tag groups.
func tagTarget(a *model.Account, kind model.EntityKind, name string) (*target, error) {
	switch kind {
	case model.KindUser, model.KindRole:
		return findTarget(a, kind, name)
	case model.KindPolicy:
		if err := checkAccount(a); err != nil {
			return nil, err
		}
		p, err := findPolicy(a, name)
		if err != nil {
			return nil, err
		}
		if err := refuseAWSManaged(p, "tagged"); err != nil {
			return nil, err
		}
		c := p.Clone()
		return &target{kind: kind, name: p.Name, label: policyLabel(p), before: p, after: c, tags: &c.Tags}, nil
	case model.KindGroup:
		return nil, fail(CodeInvalidInput, "AWS does not support tags on groups; tag its users or roles instead")
	}
	return nil, fail(CodeInvalidInput, "%q is not a user, role or managed policy", kind)
}

// SetTags replaces all the tags of a user, role or customer-managed policy
// with tags (the console's tag editor: AWS TagUser and UntagUser in one).
func (e *Editor) SetTags(a *model.Account, kind model.EntityKind, name string, tags []model.Tag) (model.ChangeSet, error) {
	t, err := tagTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	return t.retag(a, "update-"+string(kind)+"-tags", append([]model.Tag(nil), tags...))
}

// Tag adds tags to a user, role or customer-managed policy, replacing the
// value of a key it already has (AWS TagUser, TagRole, TagPolicy).
func (e *Editor) Tag(a *model.Account, kind model.EntityKind, name string, tags []model.Tag) (model.ChangeSet, error) {
	t, err := tagTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	out := append([]model.Tag(nil), *t.tags...)
next:
	for _, nt := range tags {
		for i, ot := range out {
			if strings.EqualFold(ot.Key, nt.Key) {
				out[i] = nt
				continue next
			}
		}
		out = append(out, nt)
	}
	return t.retag(a, "tag-"+string(kind), out)
}

// Untag removes the tags with the keys (ignoring case, as IAM compares tag
// keys) from a user, role or customer-managed policy (AWS UntagUser...).
func (e *Editor) Untag(a *model.Account, kind model.EntityKind, name string, keys []string) (model.ChangeSet, error) {
	t, err := tagTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	var out []model.Tag
	for _, ot := range *t.tags {
		drop := false
		for _, k := range keys {
			if strings.EqualFold(ot.Key, k) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, ot)
		}
	}
	return t.retag(a, "untag-"+string(kind), out)
}

// retag validates the new tag set and describes the difference.
func (t *target) retag(a *model.Account, op string, tags []model.Tag) (model.ChangeSet, error) {
	if err := validTags(t.label, tags); err != nil {
		return model.ChangeSet{}, err
	}
	added, changed, removed := tagDiff(*t.tags, tags)
	if added+changed+removed == 0 {
		return model.ChangeSet{}, fail(CodeNoChange, "the tags of %s are already these", t.label)
	}
	if len(tags) == 0 {
		tags = nil
	}
	*t.tags = tags
	var parts []string
	if added > 0 {
		parts = append(parts, fmt.Sprintf("%d added", added))
	}
	if changed > 0 {
		parts = append(parts, fmt.Sprintf("%d changed", changed))
	}
	if removed > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", removed))
	}
	b := newBuilder(a, op)
	b.modify(t.kind, t.before, t.after)
	return b.done("updated the tags of %s (%s)", t.label, strings.Join(parts, ", "))
}

// tagDiff counts keys added, keys whose value (or key spelling) changed,
// and keys removed. Keys compare ignoring case.
func tagDiff(old, tags []model.Tag) (added, changed, removed int) {
	for _, nt := range tags {
		found := false
		for _, ot := range old {
			if strings.EqualFold(ot.Key, nt.Key) {
				found = true
				if ot != nt {
					changed++
				}
				break
			}
		}
		if !found {
			added++
		}
	}
	for _, ot := range old {
		found := false
		for _, nt := range tags {
			if strings.EqualFold(ot.Key, nt.Key) {
				found = true
				break
			}
		}
		if !found {
			removed++
		}
	}
	return added, changed, removed
}
