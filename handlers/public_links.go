package handlers

// The public site's addresses, from the route table like every other (urls.go).

func (u urls) publicRound(number int) string { return u.to("round", number) }

func (u urls) publicPair(round int, key string) string { return u.to("public.pair", round, key) }

func (u urls) publicMinistry(code string) string { return u.to("public.ministry", code) }
