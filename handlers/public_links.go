package handlers

import "strconv"

// The public site's addresses, built in one place.

func roundURL(number int) string { return "/rounds/" + strconv.Itoa(number) }

func publicPairURL(round int, key string) string { return "/p/" + strconv.Itoa(round) + "/" + key }

func ministryURL(code string) string { return "/ministries/" + code }
