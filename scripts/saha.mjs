#!/usr/bin/env node
// The `saha` command: runs the bundled app, building it first when the bundle is missing
// (a fresh checkout after `npm ci`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const dist = new URL('../dist/saha.mjs', import.meta.url);
if (!existsSync(dist)) {
  const r = spawnSync(process.execPath, [new URL('./build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(dist.href);
