package views

import "unicode/utf8"

// josa writes a word with the particle its last syllable takes: with a final
// consonant (받침) the first form (이, 을, 은, 과), without it the second (가, 를,
// 는, 와). A word not ending in Hangul takes the first form.
func josa(word, withFinal, withoutFinal string) string {
	r, _ := utf8.DecodeLastRuneInString(word)
	if r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 == 0 {
		return word + withoutFinal
	}
	return word + withFinal
}
