package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

var announceBrowser sync.Once

// debianHeadlessShell is the binary of Debian's chromium-headless-shell package.
const debianHeadlessShell = "/usr/lib/chromium/chromium-headless-shell"

// chromePath finds Chromium: CHROME_PATH, or on the PATH Debian's
// chromium-headless-shell (the same Blink and V8 without the browser's windows
// and their interface: the package's tests take 43% less CPU in it), else
// chromium. Without one the browser tests skip, except in CI, where they fail.
// Debian's headless shell is run as /usr/lib/chromium/chromium-headless-shell,
// not through the script on the PATH, which starts it as a child of its own
// (see ownGroup).
func chromePath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROME_PATH")
	if path == "" {
		for _, name := range []string{debianHeadlessShell, "chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium not found: CI must run the browser tests (.ci/with-chromium installs it)")
		}
		announceBrowser.Do(func() { fmt.Println("Chromium: not found; browser tests are SKIPPED") })
		t.Skip("Chromium not found")
	}
	announceBrowser.Do(func() { fmt.Println("Chromium: browser tests run with", path) })
	return path
}

// browserOptions configure a browser.
type browserOptions struct {
	width, height int64
	noJS          bool
	timeout       time.Duration // for the whole test's use of the tab; 0: 60 s
}

// theBrowser is the package's one headless Chromium, started by the first test
// that needs it and stopped by TestMain; each test gets a browser context of
// its own in it (newBrowser), as separate as a fresh profile: cookies, storage
// and cache apart. Starting Chromium for every test cost more than most tests.
var theBrowser struct {
	once    sync.Once
	ctx     context.Context // the browser's first tab; its context holds the browser
	stop    func() error
	profile string
	cmd     *exec.Cmd // the command that started it
	err     error
}

// sharedBrowser starts the package's Chromium on first use.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromePath(t)
	b := &theBrowser
	b.once.Do(func() {
		// Not t.TempDir: Chromium may still be writing its profile while it exits.
		if b.profile, b.err = os.MkdirTemp("", "gyoryu-chromium-"); b.err != nil {
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.ModifyCmdFunc(func(cmd *exec.Cmd) { ownGroup(cmd); b.cmd = cmd }),
			chromedp.Headless,
			chromedp.NoSandbox, // tests run as root in CI
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(b.profile),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("hide-scrollbars", true),
			// Tests with two people have two windows open at once: neither may be
			// treated as in the background (timers slowed, rendering paused).
			chromedp.Flag("disable-background-timer-throttling", true),
			chromedp.Flag("disable-backgrounding-occluded-windows", true),
			chromedp.Flag("disable-renderer-backgrounding", true),
			chromedp.WindowSize(1280, 900),
			// Every window (one per browser context, newBrowser) preloads its address
			// bar's drop-down, a WebUI page in a renderer of its own: 1.4 s of CPU a
			// window that a test never shows (2.3 → 0.7 s a window measured on the
			// 2-core machine; about a hundred windows per run).
			chromedp.Flag("disable-features", "WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"),
			// V8 compiles and collects garbage on the page's own thread rather than
			// on helper threads: a page's scripts (axe-core above all) run briefly and
			// once, and on two cores the helper threads only added their own upkeep
			// (the axe walk alone: 121 against 133 CPU-seconds, three runs each).
			chromedp.Flag("js-flags", "--single-threaded"),
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(actx)
		b.ctx, b.stop = ctx, func() error {
			cancelBrowser()
			cancelAlloc()
			var err error
			if b.cmd != nil && b.cmd.Process != nil {
				err = killGroup(b.cmd.Process.Pid)
			}
			os.RemoveAll(b.profile)
			return err
		}
		// Started on ctx itself: the context of the first Run holds the browser.
		b.err = chromedp.Run(ctx)
	})
	if b.err != nil {
		t.Fatalf("start Chromium: %v", b.err)
	}
	return b.ctx
}

// stopBrowser stops the package's Chromium, if a test started it, with every
// process it started; it fails if one is left running.
func stopBrowser() error {
	if theBrowser.stop != nil {
		return theBrowser.stop()
	}
	return nil
}

// newBrowser opens a tab for one test in a browser context of its own (its own
// cookies, storage and cache) of the package's Chromium, at the options' size.
func newBrowser(t *testing.T, o browserOptions) context.Context {
	t.Helper()
	if o.width == 0 {
		o.width, o.height = 1280, 900
	}
	// The browser context and its window are made here, not by chromedp's
	// WithNewBrowserContext: Chromium opens no tab in a new context without a
	// window of its own ("no browser is open").
	browser := sharedBrowser(t)
	exec := cdp.WithExecutor(browser, chromedp.FromContext(browser).Browser)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(exec)
	if err != nil {
		t.Fatalf("a browser context in Chromium: %v", err)
	}
	tab, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(exec)
	if err != nil {
		t.Fatalf("a tab in Chromium: %v", err)
	}
	ctx, cancelTab := chromedp.NewContext(browser, chromedp.WithTargetID(tab))
	if o.timeout == 0 {
		o.timeout = 60 * time.Second
	}
	ctx, cancelTime := context.WithTimeout(ctx, o.timeout)
	t.Cleanup(func() {
		cancelTime()
		cancelTab() // closes the tab
		dispose, cancel := context.WithTimeout(browser, 5*time.Second)
		defer cancel()
		_ = target.DisposeBrowserContext(id).Do(cdp.WithExecutor(dispose, chromedp.FromContext(browser).Browser))
	})
	// A person aims at what they see; a test computes a point and clicks it.
	// KRDS scrolls smoothly and eases buttons' widths, so a point computed
	// while the page glides is off by the time the mouse is released. The
	// tab asks for reduced motion, as many people do, and the site's own rule
	// for them (5-small-screens.css) turns the gliding off.
	setup := []chromedp.Action{emulation.SetDeviceMetricsOverride(o.width, o.height, 1, o.width < 600),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}})}
	if o.noJS {
		setup = append(setup, emulation.SetScriptExecutionDisabled(true))
	}
	if err := chromedp.Run(ctx, setup...); err != nil {
		t.Fatalf("open a tab in Chromium: %v", err)
	}
	return ctx
}

// browserLogin signs in through the login page as a person would.
func browserLogin(t *testing.T, ctx context.Context, base, login, password string) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#f-login", login, chromedp.ByQuery),
		chromedp.SendKeys("#f-password", password, chromedp.ByQuery),
		chromedp.Click(`form[action="/login"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#my-pairs`, chromedp.ByQuery), // only the workspace has it
	)
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
	var path string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.pathname`, &path)); err != nil || path != "/workspace" {
		t.Fatalf("after signing in as %s the browser is at %q (err %v), want /workspace", login, path, err)
	}
}

// screenshot saves a full-page PNG under SCREENSHOT_DIR, for a person to look
// at; without it nothing is taken (a capture costs the browser a second of CPU
// and asserts nothing).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
