#!/usr/bin/env node
// Bundles src/main.ts into dist/saha.mjs with esbuild: one file to read and compile at start-up
// instead of hundreds (the handheld's ARM CPU and eMMC make module resolution the biggest cost).
// Native and dynamically-required packages stay external (see docs/implementation-notes.md §7): blessed requires
// its widgets by computed name and reads terminfo next to itself; serialport and node-hid find their
// prebuilt .node files relative to their own package directory.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/saha.mjs');

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

if (
  process.argv.includes('--if-stale') &&
  existsSync(out) &&
  statSync(out).mtimeMs > Math.max(newest(join(root, 'src')), newest(join(root, 'device')))
) {
  process.exit(0);
}

// Code splitting: every `await import()` in the app (screens after login, hardware adapters,
// back-office tools, subcommands) becomes its own chunk, so `saha start` reads and compiles only
// what the login screen needs. Old chunks are removed first: their names carry content hashes.
rmSync(join(root, 'dist/chunks'), { recursive: true, force: true });
const result = await build({
  entryPoints: { saha: join(root, 'src/main.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // PGlite loads its WASM and data files next to its own package; pg optionally requires pg-native.
  external: ['blessed', 'serialport', '@serialport/*', 'node-hid', 'term.js', 'pty.js', '@electric-sql/*', 'pg', 'pg-native'],
  // CommonJS packages inside an ESM bundle call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __sahaCreateRequire } from 'node:module'; const require = __sahaCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
});

// What the bundle still imports from node_modules at run time (the externals above, and optional
// requires esbuild left alone): device/install.sh ships these packages and their dependencies
// only (scripts/runtime-packages.mjs), not the whole node_modules with the build tools.
const builtin = new Set(builtinModules);
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const externals = new Set();
for (const o of Object.values(result.metafile.outputs)) {
  for (const i of o.imports) {
    if (!i.external || i.path.startsWith('node:') || i.path.startsWith('.') || builtin.has(i.path) || builtin.has(i.path.split('/')[0]))
      continue;
    externals.add(packageOf(i.path));
  }
}
writeFileSync(join(root, 'dist/externals.json'), JSON.stringify([...externals].sort(), null, 2) + '\n');
