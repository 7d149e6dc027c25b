package views

import "github.com/gyoryu/gyoryu/models"

// josa writes a word with the particle its last syllable takes: with a final
// consonant (받침) the first form (이, 을, 은, 과, 으로), without it the second
// (가, 를, 는, 와, 로). It is models.Particle, the one rule the app uses.
func josa(word, withFinal, withoutFinal string) string {
	return models.Particle(word, withFinal, withoutFinal)
}
