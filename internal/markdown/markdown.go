// Package markdown renders Markdown that people write (cheat sheets) to
// HTML that is safe to put in a page: goldmark with raw HTML off turns
// the text into HTML, and bluemonday's user-content policy then removes
// anything that could run script or load something unexpected. Links get
// rel="nofollow noopener" and open nowhere but where they say.
package markdown

import (
	"bytes"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// MaxInput is the longest text rendered; longer input is cut there, so
// that a page can never be made to spend unbounded time.
const MaxInput = 64 << 10

var (
	once     sync.Once
	renderer goldmark.Markdown
	policy   *bluemonday.Policy
)

func setUp() {
	// goldmark escapes raw HTML unless html.WithUnsafe is given: it is not.
	renderer = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	policy = bluemonday.UGCPolicy()
	policy.AllowURLSchemes("http", "https", "mailto")
	policy.RequireNoFollowOnLinks(true)
	// Links to other sites open in a new tab with rel="nofollow noopener",
	// so that the linked page cannot reach back into Huddle's.
	policy.AddTargetBlankToFullyQualifiedLinks(true)
	policy.AddSpaceWhenStrippingTag(true)
}

// HTML renders Markdown to sanitised HTML. The result is safe to embed as
// is; an empty source gives an empty result.
func HTML(source string) string {
	once.Do(setUp)
	if len(source) > MaxInput {
		source = source[:MaxInput]
	}
	var buf bytes.Buffer
	if err := renderer.Convert([]byte(source), &buf); err != nil {
		// goldmark fails only when writing fails; a bytes.Buffer does not.
		return ""
	}
	return policy.Sanitize(buf.String())
}
