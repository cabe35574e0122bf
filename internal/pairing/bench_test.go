package pairing

import (
	"fmt"
	"testing"
)

func benchmarkPropose(b *testing.B, n int, mode Mode) {
	in := GenerateRoster(n, 1)
	in.Options.Mode = mode
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Propose(in)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(res.TotalWeight, "weight")
	}
}

func BenchmarkPropose(b *testing.B) {
	for _, mode := range []Mode{ModePairs, ModeGroups} {
		for _, n := range []int{500, 2000, 5000} {
			b.Run(fmt.Sprintf("%s/n=%d", mode, n), func(b *testing.B) { benchmarkPropose(b, n, mode) })
		}
	}
}
