package demo

import "strings"

// Name pools per team, so that each team's people have names common where
// it works. The fixed people (Ana, the VP, RevOps and the managers) are
// not drawn from them.
var (
	firstNames = map[string][]string{
		"Americas Mid-Market": {"Jordan", "Camila", "Darnell", "Emily", "Luis", "Aaliyah", "Connor", "Mei", "Tyler", "Gabriela", "Andre", "Hannah", "Rafael", "Brianna", "Kwame", "Olivia", "Diego", "Noor"},
		"EMEA Enterprise":     {"Lukas", "Amira", "Oliver", "Chloé", "Thabo", "Ingrid", "Youssef", "Niamh", "Mateo", "Fatima", "Henrik", "Zanele", "Pieter", "Leila", "Ciarán", "Marta"},
		"APAC Growth":         {"Wei", "Priya", "Kenji", "Siti", "Arjun", "Yuki", "Liam", "Ananya", "Min-jun", "Aroha", "Rohan", "Mai", "Jia Hui", "Kavya"},
		"Outbound SDR":        {"Ethan", "Zoe", "Malik", "Aoife", "Sam", "Imani", "Ryan", "Sadie", "Kofi", "Harper", "Owen", "Lola"},
	}
	lastNames = map[string][]string{
		"Americas Mid-Market": {"Johnson", "Ramírez", "Washington", "Nguyen", "Silva", "Carter", "O'Brien", "Chen", "Brooks", "Oliveira", "Patel", "Murphy", "Santos", "Reyes", "Mensah", "Kim", "Alvarez", "Haddad"},
		"EMEA Enterprise":     {"Schneider", "Haddad", "Clarke", "Dubois", "Nkosi", "Johansson", "El Amrani", "Byrne", "Fernández", "Rahman", "Larsen", "Dlamini", "de Vries", "Karimi", "Ó Súilleabháin", "Kowalska"},
		"APAC Growth":         {"Zhang", "Sharma", "Watanabe", "Rahmat", "Iyer", "Sato", "Nguyen", "Menon", "Park", "Ngata", "Gupta", "Tran", "Lim", "Reddy"},
		"Outbound SDR":        {"Miller", "Fischer", "Jackson", "Kelly", "Rossi", "Okafor", "Walsh", "Cohen", "Asante", "Bennett", "Quinn", "Moreau"},
	}
)

// emailLocal turns "Chloé Ó Súilleabháin" into "chloe.o.suilleabhain".
func emailLocal(name string) string {
	var b strings.Builder
	dot := false
	for _, r := range strings.ToLower(name) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
			dot = false
		case r == '\'':
		default:
			if !dot && b.Len() > 0 {
				b.WriteByte('.')
				dot = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), ".")
}

// fold maps the accented letters the name pools use to ASCII.
var fold = map[rune]rune{
	'á': 'a', 'à': 'a', 'ã': 'a', 'â': 'a', 'ä': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'õ': 'o', 'ô': 'o', 'ö': 'o', 'ø': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n', 'ß': 's',
}
