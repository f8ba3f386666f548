// decode-types prints, as JSON, how the API server's JSON decoder (sigs.k8s.io/json, a fork of
// encoding/json) sees the Go types of batch/v1 Job and CronJob of this module's pinned Kubernetes:
// every struct's JSON fields (with the embedded structs they come through), the Go type names
// that encoding/json prints in its errors (reflect.Type.String), and the types with their own
// UnmarshalJSON. scripts/generate-strict-decoding.ts turns the output into
// kubernetes/generated/decode-types.ts. Never imported by the TypeScript code.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
)

// Type is one Go type as the decoder sees it. Kind is one of: struct, slice, map, string, bool,
// int, uint, float, interface, custom (a type with its own UnmarshalJSON), bytes ([]byte).
type Type struct {
	Kind string `json:"kind"`
	// Name is reflect.Type.String(): `v1.RestartPolicy`, `[]v1.Container`, `int32`.
	Name string `json:"name"`
	// Short is reflect.Type.Name() of a struct: the name encoding/json prints as the error's Struct.
	Short string `json:"short,omitempty"`
	// Package is a struct's import path, to find its definition in the OpenAPI document.
	Package string `json:"package,omitempty"`
	Bits    int    `json:"bits,omitempty"`
	// Elem is the element of a slice or the value of a map (after pointers).
	Elem   string  `json:"elem,omitempty"`
	Fields []Field `json:"fields,omitempty"`
}

// Field is a JSON field of a struct; Via lists the embedded struct fields it is promoted through
// (encoding/json puts their Go names in its error's field stack: `VolumeSource.hostPath`).
type Field struct {
	JSON string   `json:"json"`
	Type string   `json:"type"`
	Via  []string `json:"via,omitempty"`
}

var (
	types       = map[string]*Type{}
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// visit records t (after pointers) and everything it contains; returns its key (Name).
func visit(t reflect.Type) string {
	t = deref(t)
	key := t.String()
	if _, done := types[key]; done {
		return key
	}
	entry := &Type{Name: key}
	types[key] = entry
	switch {
	case reflect.PointerTo(t).Implements(unmarshaler) || t.Implements(unmarshaler):
		entry.Kind = "custom"
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		entry.Kind = "bytes"
	case t.Kind() == reflect.Struct:
		entry.Kind = "struct"
		entry.Short = t.Name()
		entry.Package = t.PkgPath()
		entry.Fields = fields(t, nil)
	case t.Kind() == reflect.Slice:
		entry.Kind = "slice"
		entry.Elem = visit(t.Elem())
	case t.Kind() == reflect.Map:
		if t.Key().Kind() != reflect.String {
			fail("map with non-string keys: %s", key)
		}
		entry.Kind = "map"
		entry.Elem = visit(t.Elem())
	case t.Kind() == reflect.String:
		entry.Kind = "string"
	case t.Kind() == reflect.Bool:
		entry.Kind = "bool"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		entry.Kind, entry.Bits = "int", t.Bits()
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		entry.Kind, entry.Bits = "uint", t.Bits()
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		entry.Kind, entry.Bits = "float", t.Bits()
	case t.Kind() == reflect.Interface:
		entry.Kind = "interface"
	default:
		fail("unsupported type %s (%s)", key, t.Kind())
	}
	return key
}

// fields lists a struct's JSON fields as encoding/json's typeFields does: embedded structs without
// a JSON name are flattened, and a field at a shallower depth hides one deeper down.
func fields(t reflect.Type, via []string) []Field {
	var direct, promoted []Field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && deref(f.Type).Kind() == reflect.Struct {
			promoted = append(promoted, fields(deref(f.Type), append(append([]string{}, via...), f.Name))...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		direct = append(direct, Field{JSON: name, Type: visit(f.Type), Via: via})
	}
	seen := map[string]bool{}
	for _, f := range direct {
		seen[f.JSON] = true
	}
	for _, f := range promoted {
		if !seen[f.JSON] {
			direct = append(direct, f)
		}
	}
	return direct
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "decode-types: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	roots := map[string]string{
		"Job":     visit(reflect.TypeFor[batchv1.Job]()),
		"CronJob": visit(reflect.TypeFor[batchv1.CronJob]()),
	}
	names := make([]string, 0, len(types))
	for name := range types {
		names = append(names, name)
	}
	sort.Strings(names)
	list := make([]*Type, 0, len(names))
	for _, name := range names {
		list = append(list, types[name])
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(map[string]any{"roots": roots, "types": list}); err != nil {
		fail("%v", err)
	}
}
