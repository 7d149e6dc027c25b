// Builds static/dist from node_modules and static/src: one stylesheet, the
// Pretendard GOV fonts, the icons that stylesheet references, htmx, our own
// scripts (static/src/*.js, copied as written) and a license list. Run from
// the repository root after `npm ci`:
//
//	node static/build.mjs
//
// Only node: builtins are used. The output is committed, so the build is
// deterministic: no timestamps, every list sorted or in source order.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

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

const fontWeights = [['Regular', 400], ['Medium', 500], ['Bold', 700]];

// ---------------------------------------------------------------- views scan

// usedNames returns every token that may be a class or id name in the views:
// words of every quoted string (class="..." attributes and Go string literals
// alike) in views/**/*.templ and hand-written views/**/*.go. A word ending in
// "-" (as in "krds-badge bg-" + colour) is kept as a prefix.
async function usedNames() {
  const files = (await walk(viewsDir)).filter(
    (f) => f.endsWith('.templ') || (f.endsWith('.go') && !f.endsWith('_templ.go')),
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
  return { templates: files.filter((f) => f.endsWith('.templ')).length, names, prefixes: [...prefixes] };
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

function makeKeeper({ names, prefixes }) {
  const used = (n) => names.has(n) || prefixes.some((p) => n.startsWith(p));
  return (selector) => {
    const req = requiredNames(selector);
    if (req.every(used)) return true;
    const firstClass = /\.(-?[_a-zA-Z][\w-]*)/.exec(selector.replace(/\[[^\]]*\]|\([^)]*\)/g, ' '));
    return firstClass !== null && alwaysKeep.some((p) => firstClass[1].startsWith(p));
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
    'css/app.css (the KRDS tokens, common and component rules in it)',
    ...svgs.map((s) => `img/${s}`),
    `  from ${krdsPkg.name} ${krdsPkg.version} (resources/css, resources/img)`,
    `  license: ${krdsPkg.license} (package.json; the package ships no license text)`,
    ...(terms ? ['  README:', ...terms[1].split('\n').map((l) => l.trim()).filter(Boolean).map((l) => `    ${l}`)] : []),
    '',
    rule,
    ...fontWeights.map(([w]) => `fonts/PretendardGOV-${w}.subset.woff2`),
    `  from ${krdsPkg.name} ${krdsPkg.version} (resources/fonts), font "Pretendard GOV"`,
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
  const keep = makeKeeper(views);
  const css = async (rel) => stripComments(await readFile(path.join(krds, 'resources/css', rel), 'utf8'));
  const withoutCharsetAndImports = (nodes) =>
    nodes.filter((n) => !(n.type === 'stmt' && /^@(charset|import)\b/i.test(n.text)));

  const tokensSrc = await css('token/krds_tokens.css');
  const commonSrc = await css('common/common.css');
  const componentSrc = await css('component/component.css');
  if (!/^\s*@import\s+["'](\.\.\/)+css\/token\/krds_tokens\.css["']/.test(commonSrc)) {
    throw new Error('common.css no longer starts by importing krds_tokens.css; check the inlining');
  }
  const tokens = serialize(withoutCharsetAndImports(parse(tokensSrc)));
  // common.css is trimmed with the same rule as component.css: its element
  // rules all stay, only rules for classes no template uses (mostly icons) go.
  const common = serialize(trim(withoutCharsetAndImports(parse(commonSrc)), keep));
  const component = serialize(trim(withoutCharsetAndImports(parse(componentSrc)), keep));
  const fontFaces = fontWeights.map(([w, weight]) => [
    '@font-face {',
    '  font-family: "Pretendard GOV";',
    '  font-style: normal;',
    `  font-weight: ${weight};`,
    '  font-display: swap;',
    `  src: url(../fonts/PretendardGOV-${w}.subset.woff2) format("woff2");`,
    '}',
  ].join('\n')).join('\n');
  const ownFiles = (await readdir(ownDir)).filter((f) => f.endsWith('.css')).sort();
  const own = (await Promise.all(ownFiles.map((f) => readFile(path.join(ownDir, f), 'utf8'))))
    .map((text) => text.trimEnd()).join('\n\n');

  const images = new Map();
  for (const f of await walk(path.join(krds, 'resources/img'))) images.set(path.basename(f), f);
  const needed = new Set();
  const sections = [
    ['Pretendard GOV (krds-uiux resources/fonts)', fontFaces],
    ['KRDS tokens (krds-uiux resources/css/token/krds_tokens.css)', tokens],
    ['KRDS base (krds-uiux resources/css/common/common.css, unused class rules removed)', common],
    ['KRDS components (krds-uiux resources/css/component/component.css, unused class rules removed)', component],
    ['gyoryu (static/src/*.css)', own],
  ];
  const appCSS = '@charset "UTF-8";\n/* Built by static/build.mjs; do not edit. Sources: */\n' +
    sections.map(([title, body], i) => {
      // Our own stylesheet is copied as written; only KRDS's image paths need fixing.
      const text = i === sections.length - 1 ? body : rewriteImageURLs(body.trimEnd(), images, needed);
      return `\n/* ==== ${title} ==== */\n${text}\n`;
    }).join('');

  for (const sub of ['css', 'fonts', 'img', 'js']) await rm(path.join(dist, sub), { recursive: true, force: true });
  for (const sub of ['css', 'fonts', 'img', 'js']) await mkdir(path.join(dist, sub), { recursive: true });
  await writeFile(path.join(dist, 'css/app.css'), appCSS);
  for (const [w] of fontWeights) {
    const f = `PretendardGOV-${w}.subset.woff2`;
    await copyFile(path.join(krds, 'resources/fonts', f), path.join(dist, 'fonts', f));
  }
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
  const rawComponent = (await stat(path.join(krds, 'resources/css/component/component.css'))).size;
  const rawCommon = (await stat(path.join(krds, 'resources/css/common/common.css'))).size;
  let total = 0;
  for (const f of await walk(dist)) total += (await stat(f)).size;
  console.log(`views: ${views.templates} .templ files, ${views.names.size} names, ${views.prefixes.length} prefixes`);
  console.log(`component.css: ${kb(rawComponent)} -> ${kb(size(component))}`);
  console.log(`common.css:    ${kb(rawCommon)} -> ${kb(size(common))}`);
  console.log(`app.css: ${kb(rawComponent + rawCommon + size(tokensSrc) + size(own))} untrimmed -> ${kb(size(appCSS))}`);
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
