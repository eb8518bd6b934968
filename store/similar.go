package store

import (
	"slices"
	"strings"
	"unicode"
)

// Similar names
//
// Two names are similar when their words, folded (case and diacritics
// gone, "Ł" as "l", "Ø" as "o") and sorted (so "Kowalska Zofia" typed the
// wrong way round is "Zofia Kowalska"), pair up one to one, each pair
// within one typo: an edit distance (optimal string alignment: a letter
// inserted, deleted, changed, or two neighbours swapped) of at most 1 for
// words of 5 letters or more, and none for shorter words, where one letter
// makes another name ("Ewa"/"Eva", "Jan"/"Jana"). A two-word name may so
// differ in two letters, one in each word ("Katarzyna Wiśniewska" and
// "Katarzina Wisnieska"), but not in two letters of one word ("Nowak" and
// "Kowal" are other people). A longer word gets no larger allowance: at
// distance 2 "Kowalska" and "Nowalski" would pass. Names with a different
// number of words are not similar ("Anna Maria Nowak" is not "Anna Nowak").
//
// Finding every similar pair among n cards costs about n log n, not n²: the
// distinct names are indexed under each word and, for words of 5 letters
// or more, each form the word takes with one letter deleted (a word one typo
// from another shares one of these forms with it); each name is then
// compared only with the names found under the forms of its rarest word and
// of its second rarest.

// minTypoLen is the length from which a word may differ by one typo.
const minTypoLen = 5

// nameWords folds a name and splits it into sorted words: letters and
// digits, anything else (spaces, hyphens, apostrophes) a separator.
func nameWords(first, last string) []string {
	words := strings.FieldsFunc(Fold(first+" "+last), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	slices.Sort(words)
	return words
}

// similarWords reports whether two sorted word lists name similar names
// (identical included). Two-word names are also paired crosswise, in case a
// typo in a first letter changed their order.
func similarWords(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	pairs := func(swap bool) bool {
		for i := range a {
			j := i
			if swap {
				j = len(b) - 1 - i
			}
			if !oneTypo(a[i], b[j]) {
				return false
			}
		}
		return true
	}
	return pairs(false) || len(a) == 2 && pairs(true)
}

// oneTypo reports whether two words are equal, or at most one typo apart
// when both have minTypoLen letters or more.
func oneTypo(a, b string) bool {
	if a == b {
		return true
	}
	if len(a)-len(b) > 4 || len(b)-len(a) > 4 {
		return false // more than one letter apart however they are spelled
	}
	if isASCII(a) && isASCII(b) { // most folded names: no allocation
		if min(len(a), len(b)) < minTypoLen {
			return false
		}
		return osaAtMost1([]byte(a), []byte(b))
	}
	ra, rb := []rune(a), []rune(b)
	if min(len(ra), len(rb)) < minTypoLen {
		return false
	}
	return osaAtMost1(ra, rb)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// osaAtMost1 reports whether the optimal-string-alignment distance of a and
// b is at most 1 (they are known to differ).
func osaAtMost1[T byte | rune](a, b []T) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		// one letter changed, or two neighbours swapped
		if slices.Equal(a[i+1:], b[i+1:]) {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return slices.Equal(a[i+1:], b[i:]) // one letter inserted
	}
	return false
}

// wordForms are the index entries of a word: itself and, from minTypoLen
// letters, itself with each one letter deleted.
func wordForms(w string) []string {
	forms := []string{w}
	if isASCII(w) {
		if len(w) < minTypoLen {
			return forms
		}
		for i := range len(w) {
			if i > 0 && w[i] == w[i-1] {
				continue // "anna" twice from "annna"
			}
			forms = append(forms, w[:i]+w[i+1:])
		}
		return forms
	}
	r := []rune(w)
	if len(r) < minTypoLen {
		return forms
	}
	for i := range r {
		if i > 0 && r[i] == r[i-1] {
			continue
		}
		forms = append(forms, string(r[:i])+string(r[i+1:]))
	}
	return forms
}

// similarNamePairs returns every pair (i < j) of distinct names, as indexes
// into names (each sorted words, as nameWords makes them), that are similar
// but not identical.
func similarNamePairs(names [][]string) [][2]int {
	index := make(map[string][]int32, 4*len(names))
	forms := make([][][]string, len(names)) // forms[name][word]
	for i, words := range names {
		forms[i] = make([][]string, len(words))
		for k, w := range words {
			forms[i][k] = wordForms(w)
			for _, f := range forms[i][k] {
				if p := index[f]; len(p) == 0 || p[len(p)-1] != int32(i) {
					index[f] = append(p, int32(i))
				}
			}
		}
	}
	var out [][2]int
	// seen[j] == i+1 marks name j a candidate of name i; both[j] == i+1,
	// one that shares a form of the second rarest word too.
	seen := make([]int32, len(names))
	both := make([]int32, len(names))
	var candidates []int32
	for i, words := range names {
		if len(words) == 0 {
			continue
		}
		// The rarest word: a similar name must share one of its forms,
		// and one of every other word's.
		postings := make([]int, len(words))
		for k := range words {
			for _, f := range forms[i][k] {
				postings[k] += len(index[f])
			}
		}
		best, second := 0, -1
		for k := range words {
			if postings[k] < postings[best] {
				best = k
			}
		}
		for k := range words {
			if k != best && (second < 0 || postings[k] < postings[second]) {
				second = k
			}
		}
		candidates = candidates[:0]
		for _, f := range forms[i][best] {
			for _, j := range index[f] {
				if int(j) > i && seen[j] != int32(i+1) && len(names[j]) == len(words) {
					seen[j] = int32(i + 1)
					candidates = append(candidates, j)
				}
			}
		}
		if second >= 0 && len(candidates) > 16 {
			for _, f := range forms[i][second] {
				for _, j := range index[f] {
					if seen[j] == int32(i+1) {
						both[j] = int32(i + 1)
					}
				}
			}
			candidates = slices.DeleteFunc(candidates, func(j int32) bool { return both[j] != int32(i+1) })
		}
		for _, j := range candidates {
			if similarWords(words, names[j]) && !slices.Equal(words, names[j]) {
				out = append(out, [2]int{i, int(j)})
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}
