//go:build !cgo

package transcribe

import (
	"context"
	"fmt"
)

// Sphinx is the embedded PocketSphinx engine. This build has no cgo, so
// it is unavailable: NewSphinx always fails with ErrUnavailable.
type Sphinx struct{}

// NewSphinx reports that this binary was built without cgo.
func NewSphinx(cfg SphinxConfig) (*Sphinx, error) {
	return nil, fmt.Errorf("transcribe: sphinx: built without cgo (CGO_ENABLED=0): %w", ErrUnavailable)
}

// Name implements Engine.
func (s *Sphinx) Name() string { return "sphinx" }

// NewStream implements Engine; it always fails in this build.
func (s *Sphinx) NewStream(ctx context.Context, emit EmitFunc) (Stream, error) {
	return nil, fmt.Errorf("transcribe: sphinx: built without cgo: %w", ErrUnavailable)
}

// Close does nothing in this build.
func (s *Sphinx) Close() error { return nil }

// Stats is empty in this build.
func (s *Sphinx) Stats() SphinxStats { return SphinxStats{} }
