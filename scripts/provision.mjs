#!/usr/bin/env node
// `npm run provision -- [options]`: the technician's entry point, the same as `saha provision`.
// Runs the bundled app (built first on a fresh checkout) with the terminal attached, so the
// interactive questions, key presses and scans reach it.
import { spawnSync } from 'node:child_process';
const saha = new URL('./saha.mjs', import.meta.url).pathname;
const r = spawnSync(process.execPath, [saha, 'provision', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
