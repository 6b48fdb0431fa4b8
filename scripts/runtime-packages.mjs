#!/usr/bin/env node
// The node_modules directories the built app needs at run time: the packages the bundle leaves
// external (dist/externals.json, written by scripts/build.mjs: native modules, blessed, PGlite, pg)
// and everything they depend on, resolved the way Node resolves them. One path per line, relative to
// the app root (e.g. node_modules/serialport), outermost only: a nested node_modules travels with
// its parent. Optional dependencies that are not installed (bufferutil…) are skipped, as Node does.
// device/install.sh copies exactly these; the rest of node_modules (typescript, esbuild, tsx, and the
// packages already inside the bundle) stays behind.
//
// Usage: node scripts/runtime-packages.mjs [--root DIR]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const i = process.argv.indexOf('--root');
const root = resolve(i > 0 ? process.argv[i + 1] : new URL('..', import.meta.url).pathname);
const listFile = join(root, 'dist', 'externals.json');
if (!existsSync(listFile)) {
  process.stderr.write(`runtime-packages: ${listFile} missing: run npm run build first\n`);
  process.exit(1);
}

/** The directory of package `name` as seen from `from` (a package directory or the root), or undefined. */
function find(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

const found = new Set();
const queue = JSON.parse(readFileSync(listFile, 'utf8')).map((name) => [name, root]);
while (queue.length) {
  const [name, from] = queue.shift();
  const dir = find(name, from);
  if (!dir || found.has(dir)) continue;
  found.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) queue.push([dep, dir]);
}

const dirs = [...found].sort();
const outermost = dirs.filter((d) => !dirs.some((p) => p !== d && d.startsWith(p + sep)));
process.stdout.write(outermost.map((d) => relative(root, d)).join('\n') + '\n');
