//go:build tools

// Package tools pins krew (sigs.k8s.io/krew/cmd/krew), built by build.sh for the release test.
package tools

import _ "sigs.k8s.io/krew/cmd/krew"
