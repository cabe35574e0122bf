package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTMLRendersMarkdown(t *testing.T) {
	got := HTML("# Discovery\n\n- Ask *why now*\n- Quantify the pain\n\n| step | say |\n|---|---|\n| 1 | hello |\n\n`code`")
	for _, want := range []string{"<h1>Discovery</h1>", "<li>Ask <em>why now</em></li>", "<li>Quantify the pain</li>", "<table>", "<td>hello</td>", "<code>code</code>"} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, got)
		}
	}
	if HTML("") != "" || HTML("   \n") != "" {
		t.Error("blank Markdown renders to something")
	}
}

func TestHTMLLinks(t *testing.T) {
	got := HTML("[the playbook](https://example.com/playbook) and [a call](/calls/7)")
	if !strings.Contains(got, `<a href="https://example.com/playbook" rel="nofollow noopener" target="_blank">the playbook</a>`) {
		t.Errorf("external link: %s", got)
	}
	if !strings.Contains(got, `<a href="/calls/7" rel="nofollow">a call</a>`) {
		t.Errorf("internal link: %s", got)
	}
}

// dangerous are inputs that try to run script or smuggle markup in.
var dangerous = []string{
	"<script>alert('x')</script>",
	"Hello <script src=\"https://evil.example/x.js\"></script>",
	"[click](javascript:alert(1))",
	"[click](JaVaScRiPt:alert(1))",
	"[click](  javascript:alert(1))",
	"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[click](vbscript:msgbox(1))",
	"<a href=\"javascript:alert(1)\">raw link</a>",
	"<img src=x onerror=alert(1)>",
	"![x](x\" onerror=\"alert(1))",
	"<div onclick=\"alert(1)\">raw block</div>",
	"<iframe src=\"https://evil.example\"></iframe>",
	"<style>body{display:none}</style>",
	"<svg><script>alert(1)</script></svg>",
	"<form action=\"https://evil.example\"><input name=p></form>",
	"[x](https://example.com \"title\\\" onmouseover=\\\"alert(1)\")",
	"<<script>script>alert(1)<</script>/script>",
	"<p style=\"background:url(javascript:alert(1))\">styled</p>",
}

// allowedTags are the elements Markdown produces; anything else is raw
// HTML that got through.
var allowedTags = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "em": true, "strong": true, "a": true, "code": true, "pre": true, "blockquote": true,
	"hr": true, "br": true, "img": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"del": true, "input": true}

// unsafe names what is wrong with rendered HTML, or "": it reads the
// output as a browser would, tag by tag.
func unsafe(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				return "raw HTML <" + tok.Data + ">"
			}
			if tok.Data == "input" && !isTaskBox(tok) {
				return "a form input"
			}
			for _, a := range tok.Attr {
				if what := unsafeAttr(a); what != "" {
					return what
				}
			}
		}
	}
}

func unsafeAttr(a html.Attribute) string {
	key := strings.ToLower(a.Key)
	switch {
	case strings.HasPrefix(key, "on"):
		return "an event handler " + key
	case key == "style":
		return "a style attribute"
	case key == "href" || key == "src":
		v := strings.ToLower(strings.TrimSpace(a.Val))
		if i := strings.IndexAny(v, ":/?#"); i > 0 && v[i] == ':' {
			if scheme := v[:i]; scheme != "http" && scheme != "https" && scheme != "mailto" {
				return "a " + scheme + ": URL"
			}
		}
	}
	return ""
}

// isTaskBox reports whether an input is a task list's disabled checkbox.
func isTaskBox(tok html.Token) bool {
	disabled, box := false, false
	for _, a := range tok.Attr {
		disabled = disabled || a.Key == "disabled"
		box = box || (a.Key == "type" && a.Val == "checkbox")
	}
	return disabled && box
}

func TestHTMLNeutralisesScriptAndRawHTML(t *testing.T) {
	for _, in := range dangerous {
		out := HTML(in)
		if what := unsafe(out); what != "" {
			t.Errorf("%q renders with %s:\n%s", in, what, out)
		}
	}
	// The text around raw HTML survives; the markup does not.
	if out := HTML("Before <b onclick=\"x()\">bold</b> after"); !strings.Contains(out, "Before") || !strings.Contains(out, "after") || strings.Contains(out, "onclick") {
		t.Errorf("mixed text: %s", out)
	}
}

func TestHTMLCutsVeryLongInput(t *testing.T) {
	out := HTML(strings.Repeat("a", MaxInput+100))
	if n := strings.Count(out, "a"); n > MaxInput {
		t.Errorf("rendered %d characters of %d", n, MaxInput+100)
	}
}

// FuzzHTML checks that no input renders to HTML with script, event
// handlers, script URLs or raw HTML.
func FuzzHTML(f *testing.F) {
	for _, s := range dangerous {
		f.Add(s)
	}
	f.Add("# Title\n\n- one\n- two\n\n[a](https://example.com)")
	f.Fuzz(func(t *testing.T, in string) {
		out := HTML(in)
		if what := unsafe(out); what != "" {
			t.Fatalf("%q renders with %s:\n%s", in, what, out)
		}
	})
}

func TestUnsafeCatchesProblems(t *testing.T) {
	for _, bad := range []string{`<script>x</script>`, `<a href="javascript:x">a</a>`, `<p onclick="x">a</p>`, `<div>a</div>`,
		`<p style="color:red">a</p>`, `<img src=" data:image/png;base64,AAAA">`, `<input type="text">`} {
		if unsafe(bad) == "" {
			t.Errorf("the check misses %s", bad)
		}
	}
	if what := unsafe(`<p>style= onclick= <a href="/x" rel="nofollow">x</a> <a href="https://e.com/a:b">y</a></p>`); what != "" {
		t.Errorf("a safe page is flagged: %s", what)
	}
}
