package models

// Particle joins a Korean particle to a word known only at run time, chosen by
// the word's last Hangul syllable: withFinal after a final consonant (받침),
// withoutFinal after a vowel, e.g. Particle("고용노동부", "이", "가") = "고용노동부가".
// For 으로/로 pass "으로", "로": a final ㄹ takes 로. A word ending without Hangul
// (a number, a quote) takes the form after a vowel unless it ends in a digit
// whose Korean reading has a final consonant.
func Particle(word, withFinal, withoutFinal string) string {
	rs := []rune(word)
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		switch {
		case r >= 0xAC00 && r <= 0xD7A3:
			final := (r - 0xAC00) % 28
			if final == 0 || (withFinal == "으로" && final == 8) {
				return word + withoutFinal
			}
			return word + withFinal
		case r >= '0' && r <= '9':
			// 영, 일, 삼, 육, 칠, 팔, 십 end in a consonant; 이, 사, 오, 구 do not.
			if r == '2' || r == '4' || r == '5' || r == '9' {
				return word + withoutFinal
			}
			if withFinal == "으로" && (r == '1' || r == '7' || r == '8') {
				return word + withoutFinal
			}
			return word + withFinal
		case r == ')' || r == ']' || r == '’' || r == '」' || r == '"' || r == ' ':
			continue
		}
		break
	}
	return word + withoutFinal
}
