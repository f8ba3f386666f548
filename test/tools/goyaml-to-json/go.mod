// The differential oracle for job-x's YAML reader: kubectl's manifest reading (apimachinery's
// YAMLOrJSONDecoder and util/json over sigs.k8s.io/yaml and go-yaml v2) at the versions that the
// pinned Kubernetes (test/testbed/k8s/go.mod) uses. Bump them together with it.
module job-x.invalid/tools/goyaml-to-json

go 1.26.0

require k8s.io/apimachinery v0.36.4

require (
	go.yaml.in/yaml/v2 v2.4.3 // indirect
	sigs.k8s.io/json v0.0.0-20250730193827-2d320260d730 // indirect
	sigs.k8s.io/yaml v1.6.0 // indirect
)
