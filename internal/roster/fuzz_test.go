package roster

import (
	"bytes"
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		acme,
		"",
		header,
		"\ufeffname,email\r\nAna,ana@x.test\r\n",
		"Name;E-mail;Team\nAna;ana@x.test;EMEA\n",
		"sep=;\nname;email\nAna;ana@x.test\n",
		"name\temail\ttimezone\nAna\tana@x.test\tEurope/Berlin\n",
		"First Name,Last Name,Email Address,Manager: Email\nAna,Lima,ana@x.test,bo@x.test\nBo,,bo@x.test,\n",
		header + "\"Ana\nLima\",ana@x.test,,,,,,,\n\"Bo,bo@x.test\n",
		header + "Ben \"B\" O,ben@x.test,,,,,,03/01/2024,9-5\n",
		"name,email\rAna,ana@x.test\rBo,ana@x.test\r",
		"\xff\xfen\x00a\x00m\x00e\x00,\x00e\x00m\x00a\x00i\x00l\x00\n\x00",
		header + "Ana,ana@x.test,,ana@x.test,ninja,,Local,0000-01-01,24:00-25:00\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Parse(bytes.NewReader(data))
		if err != nil {
			checkErrors(t, err)
			return
		}
		if len(rows) == 0 {
			t.Fatal("Parse returned no rows and no error")
		}
		for _, r := range rows {
			p := r.Person
			if err := p.Validate(); err != nil || r.Line < 2 {
				t.Fatalf("row %+v: line %d, Validate: %v", r, r.Line, err)
			}
		}
		if _, err := Plan(rows, nil, nil); err != nil {
			checkErrors(t, err)
		}
	})
}

func checkErrors(t *testing.T, err error) {
	t.Helper()
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %T %v; want *Errors", err, err)
	}
	if len(errs.Problems) == 0 {
		t.Fatal("*Errors with no problems")
	}
	for _, p := range errs.Problems {
		if p.Line < 1 || p.Field == "" || p.Message == "" {
			t.Fatalf("bad problem %+v", p)
		}
	}
}
