package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// operationMethods are the keys of an OpenAPI path item that are operations.
var operationMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// pathItemFields are the other keys a path item may have.
var pathItemFields = []string{"$ref", "summary", "description", "servers", "parameters"}

// loadSpec reads openapi.json as generic JSON.
func loadSpec(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, openAPISpec) {
		t.Fatal("the embedded spec differs from openapi.json")
	}
	var spec map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&spec); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	if dec.More() {
		t.Fatal("openapi.json has data after the document")
	}
	return spec
}

// specPath turns a ServeMux pattern path into OpenAPI form: {id} stays,
// {rest...} becomes {rest}, and {$} (end of path) disappears.
func specPath(muxPath string) string {
	muxPath = strings.ReplaceAll(muxPath, "{$}", "")
	return regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\.\.\.\}`).ReplaceAllString(muxPath, "{$1}")
}

func TestSpecPathConversion(t *testing.T) {
	for give, want := range map[string]string{
		"/people/{id}": "/people/{id}", "/files/{path...}": "/files/{path}", "/{$}": "/", "/org": "/org",
	} {
		if got := specPath(give); got != want {
			t.Errorf("specPath(%q) = %q, want %q", give, got, want)
		}
	}
}

func TestOpenAPIIsOpenAPI3(t *testing.T) {
	spec := loadSpec(t)
	if v, _ := spec["openapi"].(string); !regexp.MustCompile(`^3\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("openapi = %q, want 3.x.y", v)
	}
	info, _ := spec["info"].(map[string]any)
	if title, _ := info["title"].(string); title == "" {
		t.Error("info.title is missing")
	}
	if version, _ := info["version"].(string); version == "" {
		t.Error("info.version is missing")
	}
	paths, ok := spec["paths"].(map[string]any)
	if !ok || len(paths) == 0 {
		t.Fatal("paths is missing or empty")
	}
	for p, item := range paths {
		if !strings.HasPrefix(p, "/") {
			t.Errorf("path %q does not start with /", p)
		}
		fields, ok := item.(map[string]any)
		if !ok {
			t.Errorf("path %q is not an object", p)
			continue
		}
		for k := range fields {
			if !slices.Contains(operationMethods, k) && !slices.Contains(pathItemFields, k) && !strings.HasPrefix(k, "x-") {
				t.Errorf("path %q has unknown field %q", p, k)
			}
		}
	}
	schemes, _ := dig(spec, "components", "securitySchemes").(map[string]any)
	for _, req := range asSlice(spec["security"]) {
		for name := range req.(map[string]any) {
			if _, ok := schemes[name]; !ok {
				t.Errorf("security names %q, which components.securitySchemes lacks", name)
			}
		}
	}
}

// TestOpenAPIMatchesRouteTable keeps the description and the route table in
// step both ways.
func TestOpenAPIMatchesRouteTable(t *testing.T) {
	spec := loadSpec(t)
	paths, _ := spec["paths"].(map[string]any)
	inTable := map[string]bool{}
	table := (&API{}).table()
	if len(table) == 0 {
		t.Fatal("the route table is empty")
	}
	for _, rt := range table {
		key := strings.ToLower(rt.Method) + " " + specPath(rt.Path)
		if inTable[key] {
			t.Errorf("the route table lists %s twice", key)
		}
		inTable[key] = true
		item, _ := paths[specPath(rt.Path)].(map[string]any)
		if _, ok := item[strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.Method, rt.Path)
		}
	}
	for p, item := range paths {
		for m := range item.(map[string]any) {
			if slices.Contains(operationMethods, m) && !inTable[m+" "+p] && !(m == "get" && p == "/openapi.json") {
				t.Errorf("openapi.json describes %s %s, which the route table lacks", strings.ToUpper(m), p)
			}
		}
	}
}

// TestOpenAPIOperationsAreComplete: every operation has a unique
// operationId, documents 401 (every route needs a token) and describes its
// responses and path parameters.
func TestOpenAPIOperationsAreComplete(t *testing.T) {
	spec := loadSpec(t)
	paths, _ := spec["paths"].(map[string]any)
	ids := map[string]string{}
	for p, rawItem := range paths {
		item := rawItem.(map[string]any)
		for _, m := range operationMethods {
			op, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			where := strings.ToUpper(m) + " " + p
			id, _ := op["operationId"].(string)
			switch {
			case id == "":
				t.Errorf("%s has no operationId", where)
			case ids[id] != "":
				t.Errorf("%s and %s share operationId %q", where, ids[id], id)
			default:
				ids[id] = where
			}
			responses, _ := op["responses"].(map[string]any)
			if _, ok := responses["401"]; !ok {
				t.Errorf("%s does not document 401", where)
			}
			for code, r := range responses {
				if _, err := strconv.Atoi(code); err != nil && code != "default" && !regexp.MustCompile(`^[1-5]XX$`).MatchString(code) {
					t.Errorf("%s: response key %q is not a status code", where, code)
				}
				resp, _ := r.(map[string]any)
				if _, isRef := resp["$ref"]; !isRef {
					if d, _ := resp["description"].(string); d == "" {
						t.Errorf("%s: response %s has no description", where, code)
					}
				}
			}
			params := append(asSlice(item["parameters"]), asSlice(op["parameters"])...)
			for _, name := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(p, -1) {
				if !hasPathParam(spec, params, name[1]) {
					t.Errorf("%s: path parameter %q is not declared as in: path, required: true", where, name[1])
				}
			}
		}
	}
}

// TestOpenAPIRefsResolve: every $ref points at something in the document.
func TestOpenAPIRefsResolve(t *testing.T) {
	spec := loadSpec(t)
	var refs int
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if k == "$ref" {
					refs++
					ref, _ := child.(string)
					if _, err := resolve(spec, ref); err != "" {
						t.Errorf("%s: $ref %q: %s", at, ref, err)
					}
					continue
				}
				walk(child, at+"/"+k)
			}
		case []any:
			for i, child := range v {
				walk(child, at+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(spec, "#")
	if refs == 0 {
		t.Error("no $ref found: the walk is broken")
	}
}

func TestResolveRejectsDanglingRefs(t *testing.T) {
	spec := map[string]any{"components": map[string]any{"schemas": map[string]any{"A~B/C": map[string]any{}}}}
	if _, err := resolve(spec, "#/components/schemas/A~0B~1C"); err != "" {
		t.Errorf("escaped ref: %s", err)
	}
	for _, bad := range []string{"#/components/schemas/Nope", "other.json#/x", "#components"} {
		if _, err := resolve(spec, bad); err == "" {
			t.Errorf("ref %q resolved", bad)
		}
	}
}

// TestServedSpecIsTheFile: GET /api/v1/openapi.json serves the document.
func TestServedSpecIsTheFile(t *testing.T) {
	rec := httptest.NewRecorder()
	serveSpec(rec, httptest.NewRequest(http.MethodGet, Prefix+"/openapi.json", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" || !bytes.Equal(rec.Body.Bytes(), openAPISpec) {
		t.Errorf("served %d %q, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
}

// resolve follows a local JSON pointer ("#/a/b"); it returns a reason when
// it cannot.
func resolve(doc map[string]any, ref string) (any, string) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, "not a local reference of the form #/…"
	}
	var cur any = doc
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, "no " + strconv.Quote(tok)
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, "no index " + tok
			}
			cur = c[i]
		default:
			return nil, "cannot descend into " + strconv.Quote(tok)
		}
	}
	return cur, ""
}

// hasPathParam reports whether params (possibly $refs) declare the path
// parameter name.
func hasPathParam(doc map[string]any, params []any, name string) bool {
	for _, p := range params {
		m, _ := p.(map[string]any)
		if ref, ok := m["$ref"].(string); ok {
			target, _ := resolve(doc, ref)
			m, _ = target.(map[string]any)
		}
		if m["name"] == name && m["in"] == "path" && m["required"] == true {
			return true
		}
	}
	return false
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
