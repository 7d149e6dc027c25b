package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// inject runs the fault named by -fault in the middle of the run and returns
// the function that judges the samples around it.
func inject(ctx context.Context, o options, app *server) (func(io.Writer, []sample) []string, error) {
	return nil, fmt.Errorf("unknown -fault %q", o.fault)
}

var _ = time.Second
