package handlers

import (
	"strings"
	"unicode/utf8"
)

// maskPhone keeps the first and last groups of a phone number: 044-****-8350.
func maskPhone(p string) string {
	if p == "" {
		return ""
	}
	parts := strings.Split(p, "-")
	if len(parts) < 3 {
		if len(p) <= 4 {
			return strings.Repeat("*", len(p))
		}
		return strings.Repeat("*", len(p)-4) + p[len(p)-4:]
	}
	for i := 1; i < len(parts)-1; i++ {
		parts[i] = strings.Repeat("*", len(parts[i]))
	}
	return strings.Join(parts, "-")
}

// maskEmail keeps the first character of the local part: k*****@korea.kr.
func maskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" {
		return strings.Repeat("*", utf8.RuneCountInString(e))
	}
	first, size := utf8.DecodeRuneInString(local)
	return string(first) + strings.Repeat("*", max(utf8.RuneCountInString(local[size:]), 3)) + "@" + domain
}
