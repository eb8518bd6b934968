//go:build benchplain

package main

import (
	"math"
	"slices"
	"time"
)

// spread is one figure over the repetitions: their median, least and
// greatest value, and every value in the order the repetitions ran.
type spread struct {
	Median float64   `json:"median"`
	Min    float64   `json:"min"`
	Max    float64   `json:"max"`
	Runs   []float64 `json:"runs"`
}

// spreadOf summarizes one value per repetition; nil when there are none.
func spreadOf(runs []float64) *spread {
	if len(runs) == 0 {
		return nil
	}
	s := slices.Clone(runs)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &spread{Median: med, Min: s[0], Max: s[len(s)-1], Runs: runs}
}

// quantile is the q-quantile of one pass's timings, in milliseconds: the
// smallest timing that at least q of them do not exceed.
func quantile(d []time.Duration, q float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	if q == 0.5 && len(s)%2 == 0 {
		return ms((s[len(s)/2-1] + s[len(s)/2]) / 2)
	}
	i := int(math.Ceil(q*float64(len(s))-1e-9)) - 1
	return ms(s[min(max(i, 0), len(s)-1)])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// timeEach runs op n times and returns how long each run took.
func timeEach(n int, op func(i int) error) ([]time.Duration, error) {
	d := make([]time.Duration, 0, n)
	for i := range n {
		start := time.Now()
		if err := op(i); err != nil {
			return nil, err
		}
		d = append(d, time.Since(start))
	}
	return d, nil
}
