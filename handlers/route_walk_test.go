package handlers_test

import (
	"strings"
)

// concrete fills a route's parameters with values (":id" → values["id"]);
// parameters without a value become "1", and "*" a stylesheet name.
func concrete(path string, values map[string]string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		switch {
		case p == "*":
			parts[i] = "app.css"
		case strings.HasPrefix(p, ":"):
			v, ok := values[p[1:]]
			if !ok {
				v = "1"
			}
			parts[i] = v
		case strings.Contains(p, ".:"):
			name, param, _ := strings.Cut(p, ".:")
			v, ok := values[param]
			if !ok {
				v = "csv"
			}
			parts[i] = name + "." + v
		}
	}
	return strings.Join(parts, "/")
}
