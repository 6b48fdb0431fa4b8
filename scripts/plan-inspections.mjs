#!/usr/bin/env node
// Back-office tool: `saha plan-inspections` (see `node scripts/plan-inspections.mjs --help`). Runs the bundled app, building it
// first when the bundle is missing, like scripts/saha.mjs.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
const dist = new URL('../dist/saha.mjs', import.meta.url);
if (!existsSync(dist)) {
  const r = spawnSync(process.execPath, [new URL('./build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
process.argv.splice(2, 0, 'plan-inspections');
await import(dist.href);
