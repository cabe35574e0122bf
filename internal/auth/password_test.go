package auth

import (
	"errors"
	"strings"
	"testing"
)

var fast = Params{Memory: 64, Time: 1, Threads: 1}

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not PHC argon2id", h)
	}
	if err := CheckPassword("correct horse battery", h); err != nil {
		t.Fatalf("right password rejected: %v", err)
	}
	if err := CheckPassword("correct horse batterY", h); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong password: got %v, want ErrMismatch", err)
	}
	h2, _ := HashPassword("correct horse battery", fast)
	if h2 == h {
		t.Fatal("two hashes of one password are equal: salt is not random")
	}
}

func TestCheckPasswordRejectsMalformedHash(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x$c2FsdA$a2V5"} {
		if err := CheckPassword("x", h); err == nil || errors.Is(err, ErrMismatch) {
			t.Errorf("hash %q: got %v, want a malformed-hash error", h, err)
		}
	}
}

func TestSecrets(t *testing.T) {
	a, b := NewSecret("hud_"), NewSecret("hud_")
	if a == b || !strings.HasPrefix(a, "hud_") || len(a) != 4+32 {
		t.Fatalf("secrets %q, %q", a, b)
	}
	if HashSecret(a) == HashSecret(b) || len(HashSecret(a)) != 64 {
		t.Fatal("hashes of distinct secrets collide or have the wrong length")
	}
	if err := ValidatePassword("short"); err == nil {
		t.Fatal("short password accepted")
	}
	if p := NewPassword(); ValidatePassword(p) != nil {
		t.Fatalf("generated password %q fails validation", p)
	}
}
