// Builds static/dist from node_modules and static/src: two stylesheets (app.css
// for every page, public.css, small, for the public pages read without an
// account), the Pretendard GOV fonts cut into unicode-range slices, the icons
// the stylesheets reference, htmx, our own scripts (static/src/*.js, copied as
// written) and a license list. Run from the repository root after `npm ci`:
//
//	node static/build.mjs
//
// Besides node: builtins only subset-font (harfbuzz) is used, for the fonts.
// The output is committed, so the build is deterministic: no timestamps, every
// list sorted or in source order.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateSync } from 'node:zlib';
import subsetFont from 'subset-font';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const krds = path.join(modules, 'krds-uiux');
const htmx = path.join(modules, 'htmx.org');
const dist = path.join(root, 'static', 'dist');
// Our own stylesheets, joined in file-name order (1-base.css, 2-tables.css, ...).
const ownDir = path.join(root, 'static', 'src');
const viewsDir = path.join(root, 'views');

// Component rules kept even when no template uses them yet, so that the shared
// view components (tables, badges, buttons, forms, lists) always have their
// KRDS styles. A rule belongs to a component when its leftmost class starts
// with one of these.
const alwaysKeep = [
  'krds-table-wrap', 'tbl', 'krds-badge', 'krds-btn', 'krds-identifier',
  'krds-form-', 'krds-input', 'krds-select', 'krds-pagination',
  'krds-breadcrumb', 'krds-structured-list', 'krds-info-list',
];

// The templates of the pages the public reads without an account (the Layout
// with handlers' publicChrome): public.css keeps only the rules their names
// can match. A new public page's .templ file belongs in this list.
const publicViews = [
  'about', 'charts', 'components', 'data_guide', 'form', 'grades', 'home', 'layout', 'public_pages', 'public_round', 'results',
];

// ---------------------------------------------------------------- views scan

// usedNames returns every token that may be a class or id name in the views:
// words of every quoted string (class="..." attributes and Go string literals
// alike) in views/**/*.templ and hand-written views/**/*.go. A word ending in
// "-" (as in "krds-badge bg-" + colour) is kept as a prefix.
async function usedNames(templ = () => true) {
  const files = (await walk(viewsDir)).filter(
    (f) => (f.endsWith('.templ') && templ(path.basename(f, '.templ'))) || (f.endsWith('.go') && !f.endsWith('_templ.go')),
  );
  const names = new Set();
  const prefixes = new Set();
  const quoted = /"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|`([^`]*)`/g;
  for (const f of files) {
    const src = await readFile(f, 'utf8');
    for (const m of src.matchAll(quoted)) {
      for (const word of (m[1] ?? m[2] ?? m[3]).split(/\s+/)) {
        if (/^-?[_a-zA-Z][\w-]*-$/.test(word)) prefixes.add(word);
        else if (/^-?[_a-zA-Z][\w-]*$/.test(word)) names.add(word);
      }
    }
  }
  let modes = false;
  for (const f of files) modes ||= (await readFile(f, 'utf8')).includes('data-krds-mode');
  return { templates: files.filter((f) => f.endsWith('.templ')).length, names, prefixes: [...prefixes], modes };
}

// --------------------------------------------------------------- CSS parsing

// stripComments removes /* ... */ comments (sourceMappingURL ones included),
// leaving strings alone.
function stripComments(css) {
  let out = '';
  for (let i = 0; i < css.length; ) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = stringEnd(css, i);
      out += css.slice(i, end);
      i = end;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stringEnd(s, i) {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === q) return j + 1;
  }
  return s.length;
}

// Blocks of these at-rules hold rules and are trimmed inside; other at-rule
// blocks (@keyframes, @font-face, ...) are kept as they are.
const groupingAtRules = new Set(['media', 'supports', 'layer', 'container']);

// parse turns comment-free CSS into nodes: {stmt}, {group, prelude, children},
// {block, prelude, body} and {rule, selectors, body}.
function parse(css) {
  const nodes = [];
  let i = 0;
  while (i < css.length) {
    let j = i;
    let depth = 0;
    while (j < css.length) {
      const c = css[j];
      if (c === '"' || c === "'") { j = stringEnd(css, j); continue; }
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (depth === 0 && (c === '{' || c === ';' || c === '}')) break;
      j++;
    }
    const prelude = css.slice(i, j).trim();
    if (j >= css.length || css[j] === '}') {
      if (prelude) throw new Error(`CSS: unexpected end after "${prelude.slice(0, 60)}"`);
      i = j + 1;
      continue;
    }
    if (css[j] === ';') {
      if (prelude) nodes.push({ type: 'stmt', text: prelude });
      i = j + 1;
      continue;
    }
    const close = matchingBrace(css, j);
    const body = css.slice(j + 1, close);
    const at = /^@([\w-]+)/.exec(prelude);
    if (at && groupingAtRules.has(at[1].toLowerCase())) {
      nodes.push({ type: 'group', prelude, children: parse(body) });
    } else if (at) {
      nodes.push({ type: 'block', prelude, body });
    } else {
      nodes.push({ type: 'rule', selectors: splitTopLevel(prelude), body });
    }
    i = close + 1;
  }
  return nodes;
}

function matchingBrace(s, open) {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '"' || c === "'") { j = stringEnd(s, j) - 1; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  throw new Error('CSS: unbalanced braces');
}

// splitTopLevel splits a selector list on commas outside (), [] and strings.
function splitTopLevel(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    if (c === '"' || c === "'") { j = stringEnd(list, j) - 1; continue; }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

// requiredNames lists the classes and ids an element must carry for the
// selector to match. Attribute values and the arguments of functional
// pseudo-classes (:not(.x), :is(...)) are ignored, which can only keep more.
function requiredNames(selector) {
  let s = '';
  for (let j = 0; j < selector.length; j++) {
    const c = selector[j];
    if (c === '"' || c === "'") { j = stringEnd(selector, j) - 1; continue; }
    if (c === '[' || c === '(') {
      const closeCh = c === '[' ? ']' : ')';
      let depth = 0;
      for (; j < selector.length; j++) {
        if (selector[j] === '"' || selector[j] === "'") { j = stringEnd(selector, j) - 1; continue; }
        if (selector[j] === c) depth++;
        else if (selector[j] === closeCh && --depth === 0) break;
      }
      s += ' ';
      continue;
    }
    s += c;
  }
  return [...s.matchAll(/[.#](-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------- trimming

function makeKeeper({ names, prefixes, modes }, always = alwaysKeep) {
  const used = (n) => names.has(n) || prefixes.some((p) => n.startsWith(p));
  return (selector) => {
    // KRDS's high-contrast and theme modes need data-krds-mode on an element,
    // which no template sets (and JavaScript would have to).
    if (!modes && selector.includes('[data-krds-mode')) return false;
    const req = requiredNames(selector);
    if (req.every(used)) return true;
    const firstClass = /\.(-?[_a-zA-Z][\w-]*)/.exec(selector.replace(/\[[^\]]*\]|\([^)]*\)/g, ' '));
    return firstClass !== null && always.some((p) => firstClass[1].startsWith(p));
  };
}

// trim drops selectors that cannot match (or are not always kept), rules left
// without selectors or declarations, and groups left empty.
function trim(nodes, keep) {
  const out = [];
  for (const n of nodes) {
    if (n.type === 'rule') {
      const selectors = keep ? n.selectors.filter(keep) : n.selectors;
      if (selectors.length && n.body.trim()) out.push({ ...n, selectors });
    } else if (n.type === 'group') {
      const children = trim(n.children, keep);
      if (children.length) out.push({ ...n, children });
    } else {
      out.push(n);
    }
  }
  return out;
}

function serialize(nodes, indent = '') {
  const inner = indent + '  ';
  const lines = (body) =>
    body.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => inner + l).join('\n');
  let out = '';
  for (const n of nodes) {
    if (n.type === 'stmt') out += `${indent}${n.text};\n`;
    else if (n.type === 'group') out += `${indent}${n.prelude} {\n${serialize(n.children, inner)}${indent}}\n`;
    else if (n.type === 'block') out += `${indent}${n.prelude} {\n${lines(n.body)}\n${indent}}\n`;
    else out += `${indent}${n.selectors.join(`,\n${indent}`)} {\n${lines(n.body)}\n${indent}}\n`;
  }
  return out;
}

// ------------------------------------------------------- custom properties

// splitDeclarations splits a rule body on the semicolons outside (), [] and
// strings (data: URIs hold semicolons).
function splitDeclarations(body) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === '"' || c === "'") { j = stringEnd(body, j) - 1; continue; }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ';' && depth === 0) {
      out.push(body.slice(start, j));
      start = j + 1;
    }
  }
  out.push(body.slice(start));
  return out.map((d) => d.trim()).filter(Boolean);
}

const customProperty = /^(--[\w-]+)\s*:/;
const varRefs = (text) => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);

// customPropertiesUsed names the custom properties (KRDS's tokens: over a
// thousand) that the sheet's rules or a template's style attribute refer to
// with var(), directly or through another one.
function customPropertiesUsed(nodes, extraRefs) {
  const defs = new Map(); // name → values
  const used = new Set(extraRefs);
  const visit = (list) => {
    for (const n of list) {
      if (n.type === 'group') visit(n.children);
      else if (n.type === 'block') varRefs(n.body).forEach((r) => used.add(r));
      else if (n.type === 'rule') {
        for (const d of splitDeclarations(n.body)) {
          const m = customProperty.exec(d);
          if (m) defs.set(m[1], [...(defs.get(m[1]) ?? []), d]);
          else varRefs(d).forEach((r) => used.add(r));
        }
      }
    }
  };
  visit(nodes);
  const todo = [...used];
  while (todo.length) {
    for (const d of defs.get(todo.pop()) ?? []) {
      for (const r of varRefs(d)) if (!used.has(r)) { used.add(r); todo.push(r); }
    }
  }
  return used;
}

// dropCustomProperties removes the declarations of custom properties not used.
function dropCustomProperties(nodes, used) {
  const prune = (list) => list.flatMap((n) => {
    if (n.type === 'group') {
      const children = prune(n.children);
      return children.length ? [{ ...n, children }] : [];
    }
    if (n.type !== 'rule' || n.body.includes('{')) return [n];
    const body = splitDeclarations(n.body).filter((d) => {
      const m = customProperty.exec(d);
      return !m || used.has(m[1]);
    }).join(';\n');
    return body ? [{ ...n, body }] : [];
  });
  return prune(nodes);
}

// ---------------------------------------------------------------- minifying

// squeeze collapses whitespace outside strings and drops it around { } ; : , >
// and before a closing brace's semicolon. Spaces inside values (calc(a - b),
// "0 auto") stay single.
function squeeze(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (/\s/.test(c)) {
      while (i < text.length && /\s/.test(text[i])) i++;
      const prev = out[out.length - 1];
      const next = text[i];
      if (out && next !== undefined && !'{};:,>'.includes(prev) && !'{};:,>!'.includes(next)) out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/;+}/g, '}').replace(/;+$/, '');
}

// minify writes nodes as compact CSS, one rule a line (so diffs stay readable).
function minify(nodes) {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'stmt') out += `${n.text.replace(/\s+/g, ' ')};\n`;
    else if (n.type === 'group') out += `${n.prelude.replace(/\s+/g, ' ')}{\n${minify(n.children)}}\n`;
    else if (n.type === 'block') out += `${n.prelude.replace(/\s+/g, ' ')}{${squeeze(n.body)}}\n`;
    else out += `${n.selectors.map((s) => s.replace(/\s*([>+~])\s*/g, '$1')).join(',')}{${squeeze(n.body)}}\n`;
  }
  return out;
}

// ---------------------------------------------------------------- fonts

// Two weights of Pretendard GOV: Regular for text, Bold for headings and
// emphasis. KRDS's Medium (500: buttons, labels, the menu) finds no face of
// its own and takes Regular, as CSS font matching does for 500.
const fontWeights = [['Regular', 400], ['Bold', 700]];

const hangulRest = 8; // slices for the KS X 1001 syllables the site's own words do not use

// fontSlices cuts what the fonts are subset to into slices, each served as a
// file per weight with its unicode-range, so that a page downloads only the
// slices its text needs:
//   site   ASCII, Latin-1, general and CJK punctuation, arrows, shapes, ₩ and €, and
//          every character of the site's own words (views, handlers, models,
//          static/src: a stylesheet's content: "▾" too): what a public page
//          shows, in one file;
//   sym    circled numbers, dingbats, Hangul compatibility jamo, fullwidth forms;
//   ko1-8  the rest of KS X 1001's 2,350 syllables in code-point order, for
//          names and text that people enter.
async function fontSlices() {
  const span = (a, b = a) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  // Geometric shapes are in: list markers (◦ ▪) and the marker of <details> draw from them.
  const latin = [span(0x20, 0x7e), span(0xa0, 0xff), [0x131, 0x152, 0x153, 0x2c6, 0x2da, 0x2dc],
    span(0x2000, 0x206f), [0x20a9, 0x20ac, 0x2122], span(0x2190, 0x2199), [0x2212], span(0x25a0, 0x25ff)].flat();
  const sym = [span(0x2460, 0x24ff), span(0x2600, 0x27bf), span(0x3131, 0x318e),
    span(0x3200, 0x32ff), span(0xff01, 0xff5e)].flat();
  const own = new Set([...latin, ...span(0x3000, 0x303f)]);
  for (const dir of ['views', 'handlers', 'models', 'static/src']) {
    for (const f of await walk(path.join(root, dir))) {
      if (!/\.(go|templ|css)$/.test(f) || /_(test|templ)\.go$/.test(f)) continue;
      for (const m of (await readFile(f, 'utf8')).matchAll(/[^\x00-\x7f]/gu)) own.add(m[0].codePointAt(0));
    }
  }
  const ksx = new TextDecoder('euc-kr');
  const rest = [];
  for (let row = 0xb0; row <= 0xc8; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const cp = ksx.decode(Uint8Array.of(row, cell)).codePointAt(0);
      if (!own.has(cp)) rest.push(cp);
    }
  }
  if (rest.length + [...own].filter((c) => c >= 0xac00 && c <= 0xd7a3).length < 2350) throw new Error('KS X 1001 decoding gave too few syllables');
  rest.sort((a, b) => a - b);
  const size = Math.ceil(rest.length / hangulRest);
  return [
    ['site', [...own].sort((a, b) => a - b)], ['sym', sym.filter((c) => !own.has(c))],
    ...Array.from({ length: hangulRest }, (_, i) => [`ko${i + 1}`, rest.slice(i * size, (i + 1) * size)]),
  ];
}

// The OpenType features browsers apply by default, and tnum for
// font-variant-numeric: tabular-nums; harfbuzz would also keep fractions,
// superscripts and the like, which take half the Latin glyphs' bytes.
const keepFeatures = ['calt', 'ccmp', 'clig', 'kern', 'liga', 'locl', 'mark', 'mkmk', 'rclt', 'rlig', 'tnum'];

// unicodeRange writes sorted code points as a unicode-range value.
function unicodeRange(cps) {
  const parts = [];
  const hex = (c) => c.toString(16).toUpperCase();
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    parts.push(j === i ? `U+${hex(cps[i])}` : `U+${hex(cps[i])}-${hex(cps[j])}`);
    i = j + 1;
  }
  return parts.join(',');
}

// buildFonts writes fonts/PretendardGOV-<weight>-<slice>.woff2 and returns
// their @font-face rules and the file names.
async function buildFonts() {
  const slices = await fontSlices();
  const rules = [];
  const files = [];
  for (const [w, weight] of fontWeights) {
    const source = await readFile(path.join(krds, 'resources/fonts', `PretendardGOV-${w}.subset.woff2`));
    for (const [name, cps] of slices) {
      const file = `PretendardGOV-${w}-${name}.woff2`;
      const font = await subsetFont(source, String.fromCodePoint(...cps), { targetFormat: 'woff2', noHinting: true, keepFeatures });
      await writeFile(path.join(dist, 'fonts', file), font);
      files.push([file, font.length]);
      rules.push(`@font-face{font-family:"Pretendard GOV";font-style:normal;font-weight:${weight};font-display:swap;` +
        `src:url(../fonts/${file}) format("woff2");unicode-range:${unicodeRange(cps)}}`);
    }
  }
  return { rules: rules.join('\n'), files };
}

// ---------------------------------------------------------------- images

// rewriteImageURLs points url(...) of KRDS images at ../img/<file> and records
// which files are needed. KRDS's own paths are not reliable (component.css
// says ../../img/img/...), so files are found by name, which is unique.
function rewriteImageURLs(css, images, needed) {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _q, ref) => {
    if (/^(data:|https?:|\/\/)/.test(ref) || !/\.(svg|png|gif|jpe?g|webp)$/i.test(ref)) return whole;
    const name = path.posix.basename(ref);
    if (!images.has(name)) throw new Error(`CSS references ${ref}, not found in krds-uiux`);
    needed.add(name);
    return `url(../img/${name})`;
  });
}

// ---------------------------------------------------------------- licenses

// fontNames reads name records (copyright, license, license URL) from the
// WOFF 1 twin of a font, whose tables are plain zlib streams.
function fontNames(woff) {
  const tables = woff.readUInt16BE(12);
  for (let t = 0; t < tables; t++) {
    const e = 44 + t * 20;
    if (woff.toString('latin1', e, e + 4) !== 'name') continue;
    const off = woff.readUInt32BE(e + 4);
    const len = woff.readUInt32BE(e + 8);
    const orig = woff.readUInt32BE(e + 12);
    let d = woff.subarray(off, off + len);
    if (len < orig) d = inflateSync(d);
    const count = d.readUInt16BE(2);
    const strings = d.readUInt16BE(4);
    const found = {};
    for (let r = 0; r < count; r++) {
      const o = 6 + r * 12;
      const [platform, , language, id, size, at] = [0, 2, 4, 6, 8, 10].map((k) => d.readUInt16BE(o + k));
      if (platform !== 3 || language !== 0x409 || found[id]) continue;
      const s = d.subarray(strings + at, strings + at + size);
      let text = '';
      for (let k = 0; k + 1 < s.length; k += 2) text += String.fromCharCode(s.readUInt16BE(k));
      found[id] = text;
    }
    return { copyright: found[0], license: found[13], licenseURL: found[14] };
  }
  return {};
}

async function licenses(svgs) {
  const htmxPkg = JSON.parse(await readFile(path.join(htmx, 'package.json'), 'utf8'));
  const krdsPkg = JSON.parse(await readFile(path.join(krds, 'package.json'), 'utf8'));
  const htmxLicense = (await readFile(path.join(htmx, 'LICENSE'), 'utf8')).trim();
  const readme = await readFile(path.join(krds, 'README.md'), 'utf8');
  const terms = /##\s*저작권 및 라이선스\s*\n([\s\S]*?)(?=\n##\s|$)/.exec(readme);
  const font = fontNames(await readFile(path.join(krds, 'resources/fonts/PretendardGOV-Regular.subset.woff')));
  const rule = '-'.repeat(72);
  return [
    'Third-party files in static/dist, written by static/build.mjs from the npm',
    'packages pinned in package-lock.json. Everything else is gyoryu\'s own.',
    '',
    rule,
    `js/htmx.min.js`,
    `  from ${htmxPkg.name} ${htmxPkg.version} (dist/htmx.min.js)`,
    `  license: ${htmxPkg.license}`,
    '',
    htmxLicense.replace(/^/gm, '  '),
    '',
    rule,
    'css/app.css, css/public.css (the KRDS tokens, common and component rules in them)',
    ...svgs.map((s) => `img/${s}`),
    `  from ${krdsPkg.name} ${krdsPkg.version} (resources/css, resources/img)`,
    `  license: ${krdsPkg.license} (package.json; the package ships no license text)`,
    ...(terms ? ['  README:', ...terms[1].split('\n').map((l) => l.trim()).filter(Boolean).map((l) => `    ${l}`)] : []),
    '',
    rule,
    ...fontWeights.map(([w]) => `fonts/PretendardGOV-${w}-*.woff2`),
    `  from ${krdsPkg.name} ${krdsPkg.version} (resources/fonts/PretendardGOV-*.subset.woff2), font "Pretendard GOV",`,
    '  cut into unicode-range slices by static/build.mjs (subset-font, harfbuzz)',
    `  ${font.copyright ?? 'copyright: not stated in the font'}`,
    `  license: ${font.license ?? 'not stated in the font'}`,
    ...(font.licenseURL ? [`  ${font.licenseURL}`] : []),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- helpers

async function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------- build

async function main() {
  for (const p of [krds, htmx, ownDir]) {
    if (!existsSync(p)) throw new Error(`${path.relative(root, p)} is missing; run npm ci first`);
  }
  const views = await usedNames();
  const publicNames = await usedNames((name) => publicViews.includes(name));
  const keep = makeKeeper(views);
  // public.css keeps what the public templates can match, no component "just in case".
  const keepPublic = makeKeeper(publicNames, []);
  const css = async (rel) => stripComments(await readFile(path.join(krds, 'resources/css', rel), 'utf8'));
  const withoutCharsetAndImports = (nodes) =>
    nodes.filter((n) => !(n.type === 'stmt' && /^@(charset|import)\b/i.test(n.text)));

  const tokensSrc = await css('token/krds_tokens.css');
  const commonSrc = await css('common/common.css');
  const componentSrc = await css('component/component.css');
  if (!/^\s*@import\s+["'](\.\.\/)+css\/token\/krds_tokens\.css["']/.test(commonSrc)) {
    throw new Error('common.css no longer starts by importing krds_tokens.css; check the inlining');
  }
  const tokens = withoutCharsetAndImports(parse(tokensSrc));
  const common = withoutCharsetAndImports(parse(commonSrc));
  const component = withoutCharsetAndImports(parse(componentSrc));
  const ownFiles = (await readdir(ownDir)).filter((f) => f.endsWith('.css')).sort();
  const own = parse(stripComments((await Promise.all(ownFiles.map((f) => readFile(path.join(ownDir, f), 'utf8')))).join('\n')));
  // Custom properties a template sets or reads in a style attribute.
  const viewVars = new Set();
  for (const f of await walk(viewsDir)) {
    if (/\.(templ|go)$/.test(f) && !f.endsWith('_templ.go')) {
      for (const m of (await readFile(f, 'utf8')).matchAll(/--[a-zA-Z][\w-]*/g)) viewVars.add(m[0]);
    }
  }

  for (const sub of ['css', 'fonts', 'img', 'js']) await rm(path.join(dist, sub), { recursive: true, force: true });
  for (const sub of ['css', 'fonts', 'img', 'js']) await mkdir(path.join(dist, sub), { recursive: true });
  const fonts = await buildFonts();

  const images = new Map();
  for (const f of await walk(path.join(krds, 'resources/img'))) images.set(path.basename(f), f);
  const needed = new Set();
  // stylesheet trims the sources with keep (our own rules too, unless ownAll),
  // drops unused custom properties, and writes the sections minified.
  const stylesheet = (keep, ownAll) => {
    const sections = [
      ['Pretendard GOV (krds-uiux resources/fonts, cut by static/build.mjs)', parse(fonts.rules), false],
      ['KRDS tokens (krds-uiux resources/css/token/krds_tokens.css, unused custom properties removed)', tokens, true],
      ['KRDS base (krds-uiux resources/css/common/common.css, unused class rules removed)', trim(common, keep), true],
      ['KRDS components (krds-uiux resources/css/component/component.css, unused class rules removed)', trim(component, keep), true],
      ['gyoryu (static/src/*.css)', ownAll ? own : trim(own, keep), false],
    ];
    const used = customPropertiesUsed(sections.flatMap(([, nodes]) => nodes), viewVars);
    return '@charset "UTF-8";\n/* Built by static/build.mjs from these sources, minified; do not edit. */\n' +
      sections.map(([title, all, krdsImages]) => {
        const nodes = dropCustomProperties(all, used);
        // Our own stylesheets' image paths are ours; only KRDS's need fixing.
        const text = krdsImages ? rewriteImageURLs(minify(nodes), images, needed) : minify(nodes);
        return `/* ==== ${title} ==== */\n${text}`;
      }).join('');
  };
  const appCSS = stylesheet(keep, true);
  const publicCSS = stylesheet(keepPublic, false);
  await writeFile(path.join(dist, 'css/app.css'), appCSS);
  await writeFile(path.join(dist, 'css/public.css'), publicCSS);
  const svgs = [...needed].sort();
  for (const s of svgs) await copyFile(images.get(s), path.join(dist, 'img', s));
  await writeFile(path.join(dist, 'img', 'favicon.ico'), icoOf(await readFile(path.join(krds, 'resources/img/component/favicon/favicon-32x32.png'))));
  const htmxJS = await readFile(path.join(htmx, 'dist/htmx.min.js'), 'utf8');
  // A sourceMappingURL would point at a file we do not ship.
  await writeFile(path.join(dist, 'js/htmx.min.js'), htmxJS.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  // Our own scripts are copied as written.
  for (const f of (await readdir(ownDir)).filter((f) => f.endsWith('.js')).sort()) {
    await copyFile(path.join(ownDir, f), path.join(dist, 'js', f));
  }
  await writeFile(path.join(dist, 'LICENSES.txt'), await licenses([...svgs, 'favicon.ico']));

  const size = (s) => Buffer.byteLength(s);
  const gz = (s) => gzipSync(s, { level: 9 }).length;
  let total = 0;
  for (const f of await walk(dist)) total += (await stat(f)).size;
  console.log(`views: ${views.templates} .templ files (${publicNames.templates} public), ${views.names.size} names, ${views.prefixes.length} prefixes`);
  console.log(`app.css:    ${kb(size(appCSS))}, ${kb(gz(appCSS))} gzipped`);
  console.log(`public.css: ${kb(size(publicCSS))}, ${kb(gz(publicCSS))} gzipped`);
  for (const [w] of fontWeights) {
    const mine = fonts.files.filter(([f]) => f.startsWith(`PretendardGOV-${w}-`));
    console.log(`fonts ${w}: ${mine.map(([f, n]) => `${f.slice(`PretendardGOV-${w}-`.length, -6)} ${kb(n)}`).join(', ')}`);
  }
  console.log(`img: ${svgs.length} svg; dist total ${kb(total)}`);
}

// icoOf wraps a 32×32 PNG in an ICO container (one image entry, PNG inside),
// which every browser reads as /favicon.ico.
function icoOf(png) {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0); // reserved
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(32, 6); // width
  head.writeUInt8(32, 7); // height
  head.writeUInt8(0, 8); // no palette
  head.writeUInt8(0, 9); // reserved
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([head, png]);
}

main().catch((err) => {
  console.error(`static/build.mjs: ${err.message}`);
  process.exit(1);
});
