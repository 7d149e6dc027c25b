package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"
)

// result is what a load run measured.
type result struct {
	rps float64
	p99 time.Duration
}

// load sends requests to url over conns keep-alive connections for d, after a
// short warm-up, with wrk or with the Go load generator.
func load(tool, url string, conns int, d time.Duration, gz bool) (result, error) {
	if tool == "wrk" {
		return loadWrk(url, conns, d, gz)
	}
	loadGo(url, conns, time.Second, gz) // warm-up
	return loadGo(url, conns, d, gz), nil
}

var (
	wrkRPS = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkP99 = regexp.MustCompile(`\s99%\s+([0-9.]+)(us|ms|s)`)
)

func loadWrk(url string, conns int, d time.Duration, gz bool) (result, error) {
	args := []string{"-t2", "-c" + strconv.Itoa(conns)}
	if gz {
		args = append(args, "-H", "Accept-Encoding: gzip")
	}
	exec.Command("wrk", append(args, "-d1s", url)...).Run() // warm-up
	out, err := exec.Command("wrk", append(args, "-d"+strconv.Itoa(int(d.Seconds()))+"s", "--latency", url)...).CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	rps, p99 := wrkRPS.FindSubmatch(out), wrkP99.FindSubmatch(out)
	if rps == nil || p99 == nil {
		return result{}, fmt.Errorf("cannot read wrk's output:\n%s", out)
	}
	if bytes.Contains(out, []byte("Non-2xx")) {
		return result{}, fmt.Errorf("wrk saw error responses:\n%s", out)
	}
	var r result
	r.rps, _ = strconv.ParseFloat(string(rps[1]), 64)
	v, _ := strconv.ParseFloat(string(p99[1]), 64)
	unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[string(p99[2])]
	r.p99 = time.Duration(v * float64(unit))
	return r, nil
}

func loadGo(url string, conns int, d time.Duration, gz bool) result {
	transport := &http.Transport{MaxIdleConnsPerHost: conns, DisableCompression: true}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	defer transport.CloseIdleConnections()
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(end) {
				start := time.Now()
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				if gz {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				res, err := client.Do(req)
				if err != nil {
					continue
				}
				io.Copy(io.Discard, bufio.NewReader(res.Body))
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					mine = append(mine, time.Since(start))
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(all) == 0 {
		return result{}
	}
	slices.Sort(all)
	return result{rps: float64(len(all)) / d.Seconds(), p99: all[len(all)*99/100]}
}
