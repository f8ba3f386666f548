// Command goyaml-to-json reads manifests the way kubectl reads them and prints the JSON that
// kubectl would send to the API server: the differential oracle for job-x's YAML reader
// (test/unit/plugin/yaml/goyaml-differential.test.ts).
//
// kubectl (cli-runtime's StreamVisitor) splits a stream with apimachinery's YAMLOrJSONDecoder,
// which turns each YAML document into JSON with sigs.k8s.io/yaml over go-yaml v2, skips empty
// and null documents, decodes each one with apimachinery's util/json (integers that fit int64
// stay int64, other numbers become float64) into an unstructured object, and encodes that with
// encoding/json. This program runs exactly those library calls, at the versions the pinned
// Kubernetes uses (go.mod).
//
// Input (stdin): a JSON array of strings, each the text of one file. Output (stdout): a JSON
// array with one entry per input, {"documents": [...]} with the JSON of each object kubectl
// would send, plus "error" (kubectl's message) when reading stopped at a document it refused.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	utiljson "k8s.io/apimachinery/pkg/util/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// rawDocument is runtime.RawExtension's decoding: the bytes of one document as JSON.
type rawDocument struct{ raw []byte }

func (r *rawDocument) UnmarshalJSON(in []byte) error {
	if !bytes.Equal(in, []byte("null")) {
		r.raw = append(r.raw[0:0], in...)
	}
	return nil
}

type result struct {
	Documents []json.RawMessage `json:"documents"`
	Error     string            `json:"error,omitempty"`
}

// read is StreamVisitor.Visit followed by the unstructured decode and encode of each object.
func read(text string) result {
	out := result{Documents: []json.RawMessage{}}
	decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader([]byte(text)), 4096)
	for {
		var doc rawDocument
		if err := decoder.Decode(&doc); err != nil {
			if !errors.Is(err, io.EOF) {
				out.Error = fmt.Sprintf("error parsing: %v", err)
			}
			return out
		}
		raw := bytes.TrimSpace(doc.raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		var object interface{}
		if err := utiljson.Unmarshal(raw, &object); err != nil {
			out.Error = fmt.Sprintf("unable to decode: %v", err)
			return out
		}
		encoded, err := json.Marshal(object)
		if err != nil {
			out.Error = fmt.Sprintf("unable to encode: %v", err)
			return out
		}
		out.Documents = append(out.Documents, encoded)
	}
}

func main() {
	var texts []string
	if err := json.NewDecoder(os.Stdin).Decode(&texts); err != nil {
		fmt.Fprintf(os.Stderr, "goyaml-to-json: stdin must be a JSON array of strings: %v\n", err)
		os.Exit(2)
	}
	results := make([]result, len(texts))
	for i, text := range texts {
		results[i] = read(text)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintf(os.Stderr, "goyaml-to-json: %v\n", err)
		os.Exit(2)
	}
}
