// Measures the public pages as a phone on slow 4G sees them: Lighthouse's
// mobile preset (simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4× CPU) in
// Chromium, three runs per page, the median of each figure, and the bytes
// the median run transferred by type. It starts the app binary on a fresh
// SQLite file with the programme data seeded (no demo accounts) and fails
// unless every page has performance >= 95, FCP <= 1.8 s and LCP <= 2.5 s.
// Run from the repository root after `npm ci` and `make build`:
//
//	node static/lighthouse.mjs [bin/web]          (make lighthouse)
//
// CHROME_PATH names the browser (default /usr/bin/chromium); LIGHTHOUSE_RUNS
// the runs per page (default 3); LIGHTHOUSE_JSON, a directory, keeps every
// run's report. Simulated throttling multiplies the CPU time the page took
// here by 4: on a busy machine TBT and the paints grow with the load, so the
// output names Lighthouse's benchmark index of each run and the load
// average, and first measures a control: a bare page (a heading and a
// sentence, nothing else to load) served by this script, which scores 100
// with TBT 0 on a quiet machine. When the control is far from that, the
// machine, not the app, is what the figures show.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

// The home page, a round's page and a pair page with a task and its outcomes.
const pages = ['/', '/rounds/2', '/p/1/molit-me'];
const limits = { performance: 95, fcp: 1800, lcp: 2500 };
const runs = Number(process.env.LIGHTHOUSE_RUNS || 3);
const bin = path.resolve(process.argv[2] || 'bin/web');
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    if (Date.now() > end) throw new Error(`${url} did not answer 200 within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gyoryu-lighthouse-'));
  const port = await freePort();
  const env = {
    ...process.env, SQLITE_PATH: path.join(dir, 'gyoryu.db'), DATABASE_URL: '', DEMO: '',
    ADDR: `127.0.0.1:${port}`, PUBLIC_RECHECK: '0s',
  };
  const app = spawn(bin, ['serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let chrome;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/healthz`, 15000);
    // web serve created and migrated the file; seed the programme data into it.
    execFileSync(bin, ['seed'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    chrome = await chromeLauncher.launch({
      chromePath,
      userDataDir: mkdirSync(path.join(dir, 'chromium'), { recursive: true }),
      chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    let failed = false;
    console.log(`lighthouse ${lighthouseVersion()}, mobile preset, simulated slow 4G, median of ${runs} runs`);
    const control = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<meta name="description" content="대조군"><title>대조군</title></head><body><h1>대조군</h1><p>아무것도 더 불러오지 않는 쪽입니다.</p></body></html>');
    });
    await new Promise((r) => control.listen(0, '127.0.0.1', r));
    const controlURL = `http://127.0.0.1:${control.address().port}/`;
    for (const page of [controlURL, ...pages]) {
      const isControl = page === controlURL;
      const lhrs = [];
      for (let i = 0; i < runs; i++) {
        let res;
        // A run Lighthouse itself could not record (NO_NAVSTART on a busy machine) is run again, twice at most.
        for (let attempt = 1; ; attempt++) {
          res = await lighthouse(isControl ? page : `${base}${page}`, {
            port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'],
          });
          if (!res.lhr.runtimeError) break;
          if (attempt === 3) throw new Error(`${page}: ${res.lhr.runtimeError.message}`);
          console.log(`  (${page}: ${res.lhr.runtimeError.code}; running it again)`);
        }
        lhrs.push(res.lhr);
        if (process.env.LIGHTHOUSE_JSON) {
          mkdirSync(process.env.LIGHTHOUSE_JSON, { recursive: true });
          const name = `${page.replace(/\W+/g, '_')}-${i + 1}.json`;
          writeFileSync(path.join(process.env.LIGHTHOUSE_JSON, name), res.report);
        }
      }
      const fig = (lhr) => ({
        performance: Math.round(lhr.categories.performance.score * 100),
        fcp: lhr.audits['first-contentful-paint'].numericValue,
        lcp: lhr.audits['largest-contentful-paint'].numericValue,
        tbt: lhr.audits['total-blocking-time'].numericValue,
        cls: lhr.audits['cumulative-layout-shift'].numericValue,
      });
      const all = lhrs.map(fig);
      const m = Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((f) => f[k]))]));
      const ok = m.performance >= limits.performance && m.fcp <= limits.fcp && m.lcp <= limits.lcp;
      if (!isControl) failed ||= !ok;
      const s = (ms) => (ms / 1000).toFixed(2);
      console.log(`\n${isControl ? 'control (a bare page, not the app)' : page}: performance ${m.performance}, FCP ${s(m.fcp)} s, LCP ${s(m.lcp)} s, ` +
        `TBT ${Math.round(m.tbt)} ms, CLS ${m.cls.toFixed(3)}  ${isControl ? '' : ok ? 'ok' : 'FAILED'}`);
      console.log(`  runs: ${all.map((f) => `${f.performance} (FCP ${s(f.fcp)}, LCP ${s(f.lcp)})`).join(', ')}; ` +
        `benchmark index ${lhrs.map((l) => Math.round(l.environment.benchmarkIndex)).join(', ')}; ` +
        `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
      if (isControl) {
        control.close();
        continue;
      }
      const summary = computeMedianRun(lhrs).audits['resource-summary'].details.items;
      for (const item of summary) {
        if (!item.requestCount) continue;
        console.log(`  ${item.label.padEnd(12)} ${String(item.requestCount).padStart(3)} requests ${kib(item.transferSize).padStart(11)}`);
      }
    }
    console.log(`\nlighthouse: ${failed ? 'FAILED' : 'ok'} (limits: performance >= ${limits.performance}, FCP <= ${limits.fcp / 1000} s, LCP <= ${limits.lcp / 1000} s)`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (chrome) await chrome.kill();
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

function lighthouseVersion() {
  return createRequire(import.meta.url)('lighthouse/package.json').version;
}

main().catch((err) => {
  console.error(`static/lighthouse.mjs: ${err.message}`);
  process.exit(1);
});
