package views

import (
	"fmt"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// QRCode is a QR code drawn as one SVG path, by the app: no image is fetched
// or made elsewhere.
type QRCode struct {
	Size int    // modules a side, the quiet zone of 4 included
	Path string // the dark modules, one square each
}

// ViewBox is the SVG viewBox of the code.
func (q QRCode) ViewBox() string { return fmt.Sprintf("0 0 %d %d", q.Size, q.Size) }

// NewQRCode encodes content (an otpauth:// address) at error correction level M.
func NewQRCode(content string) (QRCode, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return QRCode{}, fmt.Errorf("QR code: %w", err)
	}
	const quiet = 4
	n := code.Bounds().Dx()
	var b strings.Builder
	for y := range n {
		for x := range n {
			if r, _, _, _ := code.At(x, y).RGBA(); r == 0 {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	return QRCode{Size: n + 2*quiet, Path: b.String()}, nil
}

// GroupSecret writes a base32 secret in groups of four, to type it by hand.
func GroupSecret(secret string) string {
	var groups []string
	for len(secret) > 4 {
		groups = append(groups, secret[:4])
		secret = secret[4:]
	}
	return strings.Join(append(groups, secret), " ")
}
