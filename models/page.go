package models

// Page is a window on a list: every list is paginated.
type Page struct {
	Number int // from 1
	Size   int
}

// DefaultPageSize is the page size when none is given.
const DefaultPageSize = 20

// Limit is the page's row count.
func (p Page) Limit() int {
	if p.Size <= 0 || p.Size > 200 {
		return DefaultPageSize
	}
	return p.Size
}

// Offset is the number of rows before the page.
func (p Page) Offset() int {
	if p.Number <= 1 {
		return 0
	}
	return (p.Number - 1) * p.Limit()
}
