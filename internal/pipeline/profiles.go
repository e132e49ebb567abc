package pipeline

import (
	"errors"
	"fmt"

	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/extract"
)

// Profiles compiles the config's extraction profiles. A bad one is a
// *config.Error naming its key (profiles[2].body) and line.
func Profiles(cfg *config.Config) (*extract.Profiles, error) {
	if len(cfg.Profiles) == 0 {
		return nil, nil
	}
	specs := make([]extract.ProfileSpec, len(cfg.Profiles))
	for i, p := range cfg.Profiles {
		specs[i] = extract.ProfileSpec{
			Name: p.Name, Hosts: p.Hosts, URLPattern: p.URLPattern,
			Title: p.Title, Time: p.Time, Views: p.Views, Body: p.Body, Column: p.Column,
			Source: p.Source, Author: p.Author, Editor: p.Editor, DateLayout: p.DateLayout,
		}
	}
	profiles, err := extract.CompileProfiles(specs)
	var pe *extract.ProfileError
	if errors.As(err, &pe) {
		return nil, cfg.KeyError(fmt.Sprintf("profiles[%d].%s", pe.Index, pe.Field), "%s", pe.Msg)
	}
	return profiles, err
}
