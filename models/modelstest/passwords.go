package modelstest

import (
	"sync"

	"github.com/gyoryu/gyoryu/models"
)

// RememberPasswordChecks makes the store check each pair of stored hash and
// typed password with models.VerifyPassword once per process and answer the
// same pair again from memory. The answer is the same (the check is a pure
// function of the two), without the argon2id work, which takes a core for
// 0.1–0.4 s per sign-in under -race; every demo account shares one hash, so a
// package's hundreds of sign-ins cost one check. Tests about the checks
// themselves (how many, how many at once) set their own with SetPasswordCheck.
func RememberPasswordChecks(s *models.Store) { s.SetPasswordCheck(rememberedCheck) }

type checkResult struct{ err error }

var checked sync.Map // hash + "\x00" + password → checkResult

func rememberedCheck(hash, pw string) error {
	key := hash + "\x00" + pw
	if r, ok := checked.Load(key); ok {
		return r.(checkResult).err
	}
	err := models.VerifyPassword(hash, pw)
	checked.Store(key, checkResult{err})
	return err
}
