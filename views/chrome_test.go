package views

import "testing"

func TestTopicChoosesTheParticleByTheLastSyllable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"연번", "연번은"},
		{"협업 분야", "협업 분야는"},
		{"구분(국장급·과장급)", "구분(국장급·과장급)은"},
		{"1차 전략적 인사교류", "1차 전략적 인사교류는"},
		{"ABC", "ABC는"},
		{"2024", "2024는"},
		{"「구분」", "「구분」은"},
	} {
		if got := Topic(c.in); got != c.want {
			t.Errorf("Topic(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
