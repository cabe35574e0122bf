package pairing

import (
	"fmt"
	"math/rand"
	"time"
)

// GenerateDate is the round date of generated rosters (a Tuesday).
var GenerateDate = time.Date(2026, time.November, 24, 0, 0, 0, 0, time.UTC)

var (
	genZones = map[string][]string{
		"AMER": {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "America/St_Johns"},
		"EMEA": {"Europe/London", "Europe/Berlin", "Europe/Madrid", "Africa/Johannesburg", "Asia/Dubai"},
		"APAC": {"Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"},
	}
	genRegions = []string{"AMER", "EMEA", "APAC"}
	genSkills  = []string{"discovery", "objection_handling", "negotiation", "closing", "product_knowledge", "prospecting"}
	genHours   = []WorkingHours{{9 * 60, 17 * 60}, {8 * 60, 16 * 60}, {10 * 60, 18 * 60}, {8*60 + 30, 17*60 + 30}}
	genNames   = []string{"Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"}
)

// GenerateRoster builds a deterministic synthetic roster of n reps for tests
// and benchmarks: three regions across 15 time zones, six skills on a 1-5
// scale, tenures from a month to ten years, about 10% with capacity 2, 3%
// opted out, and n/2 past pairings over the 200 days before GenerateDate.
func GenerateRoster(n int, seed int64) Input {
	rng := rand.New(rand.NewSource(seed))
	in := Input{Options: DefaultOptions()}
	in.Options.Date = GenerateDate
	for i := 0; i < n; i++ {
		region := genRegions[rng.Intn(len(genRegions))]
		zones := genZones[region]
		p := Person{
			ID:        fmt.Sprintf("p%04d", i+1),
			Name:      fmt.Sprintf("%s %d", genNames[rng.Intn(len(genNames))], i+1),
			Skills:    map[string]float64{},
			StartDate: GenerateDate.AddDate(0, 0, -30-int(rng.ExpFloat64()*700)%3600),
			Region:    region,
			Team:      fmt.Sprintf("%s-%d", region, 1+rng.Intn(6)),
			TimeZone:  zones[rng.Intn(len(zones))],
			Hours:     genHours[rng.Intn(len(genHours))],
			Capacity:  1,
			OptOut:    rng.Float64() < 0.03,
		}
		if rng.Float64() < 0.1 {
			p.Capacity = 2
		}
		for _, s := range genSkills {
			x := 3 + rng.NormFloat64()*0.8
			p.Skills[s] = float64(int(min(5, max(1, x))*10+0.5)) / 10
		}
		in.People = append(in.People, p)
	}
	for h := 0; h < n/2 && n > 1; h++ {
		a := rng.Intn(n)
		b := rng.Intn(n - 1)
		if b >= a {
			b++
		}
		in.History = append(in.History, Pairing{
			A: in.People[a].ID, B: in.People[b].ID,
			Date: GenerateDate.AddDate(0, 0, -1-rng.Intn(200)),
		})
	}
	return in
}
