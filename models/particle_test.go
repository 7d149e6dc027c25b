package models

import "testing"

func TestParticleFollowsTheLastSyllable(t *testing.T) {
	cases := []struct{ word, a, b, want string }{
		{"고용노동부", "이", "가", "고용노동부가"},
		{"중소벤처기업부", "이", "가", "중소벤처기업부가"},
		{"과제명", "을", "를", "과제명을"},
		{"이전 값", "은", "는", "이전 값은"},
		{"지표명", "은", "는", "지표명은"},
		{"‘완료’", "으로", "로", "‘완료’로"},
		{"‘추진 중’", "으로", "로", "‘추진 중’으로"},
		{"서울", "으로", "로", "서울로"},
		{"3", "이", "가", "3이"},
		{"2", "이", "가", "2가"},
	}
	for _, c := range cases {
		if got := Particle(c.word, c.a, c.b); got != c.want {
			t.Errorf("Particle(%q, %q, %q) = %q, want %q", c.word, c.a, c.b, got, c.want)
		}
	}
}
