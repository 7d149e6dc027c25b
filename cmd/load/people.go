package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/gyoryu/gyoryu/models"
)

// people hands every simulated person an account of their own, a copy of a
// demo account (same role, ministry and office): real people sign in as
// themselves, and a burst of sign-ins to one shared account is a guessing
// attack to the app, which counts attempts per account before it checks them.
type people struct {
	mu    sync.Mutex
	given map[string]int
	size  int
}

// makePeople copies each base demo account n times (login "moel.001", …), all
// with the demo password (one hash, computed once).
func makePeople(ctx context.Context, s *models.Store, bases []string, n int) (*people, error) {
	hash, err := models.HashPassword(models.DemoPassword)
	if err != nil {
		return nil, err
	}
	db := s.DB().WithContext(ctx)
	for _, base := range bases {
		var u models.User
		if err := db.Where("login = ?", base).Take(&u).Error; err != nil {
			return nil, fmt.Errorf("demo account %s: %w", base, err)
		}
		copies := make([]models.User, n)
		for i := range copies {
			c := u
			c.ID, c.Login, c.DisplayName, c.PasswordHash = 0, personLogin(base, i+1), fmt.Sprintf("%s %d", u.DisplayName, i+1), hash
			copies[i] = c
		}
		if err := db.CreateInBatches(copies, 200).Error; err != nil {
			return nil, fmt.Errorf("copy demo account %s: %w", base, err)
		}
		// They sign in with the demo password: demo accounts, like their base.
		if err := db.Exec("INSERT INTO demo_accounts (user_id) SELECT id FROM users WHERE login LIKE ?", base+".%").Error; err != nil {
			return nil, fmt.Errorf("mark the copies of %s as demo accounts: %w", base, err)
		}
	}
	return &people{given: map[string]int{}, size: n}, nil
}

func personLogin(base string, i int) string { return fmt.Sprintf("%s.%03d", base, i) }

// account gives the next unused copy of base, or base itself once the copies
// run out (or when there are none).
func (p *people) account(base string) string {
	if p == nil {
		return base
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.given[base] >= p.size {
		return base
	}
	p.given[base]++
	return personLogin(base, p.given[base])
}
