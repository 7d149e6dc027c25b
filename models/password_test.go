package models_test

import (
	"strings"
	"testing"

	"github.com/gyoryu/gyoryu/models"
)

func TestPasswordHashing(t *testing.T) {
	long := strings.Repeat("긴 문장형 비밀번호도 됩니다 ", 5) // 80+ characters
	for _, pw := range []string{"ten-chars!", long} {
		hash, err := models.HashPassword(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("hash %q is not argon2id with the expected parameters", hash)
		}
		if err := models.VerifyPassword(hash, pw); err != nil {
			t.Errorf("the right password does not verify: %v", err)
		}
		for _, wrong := range []string{"", pw + "x", pw[1:]} {
			if models.VerifyPassword(hash, wrong) == nil {
				t.Errorf("%q verifies against the hash of %q", wrong, pw)
			}
		}
		again, _ := models.HashPassword(pw)
		if again == hash {
			t.Error("two hashes of one password are equal: no salt")
		}
	}
	for _, broken := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x$AAAA$AAAA"} {
		if models.VerifyPassword(broken, "anything") == nil {
			t.Errorf("a malformed hash %q verified", broken)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"short", false},
		{"123456789", false},
		{"1234567890", true},
		{"          ", false},
		{strings.Repeat("가", 10), true},
		{strings.Repeat("passphrase ", 10), true},
		{strings.Repeat("x", 257), false},
	}
	for _, tt := range tests {
		if got := models.CheckPasswordRules(tt.pw) == ""; got != tt.ok {
			t.Errorf("CheckPasswordRules(%q) ok = %v, want %v", tt.pw, got, tt.ok)
		}
	}
}
