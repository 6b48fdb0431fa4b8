/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints one JSON object of figures on stdout.
 * Every target is compared with a baseline measured in the same run (never a fixed wall-clock
 * limit): these machines are shared and noisy.
 */
import { benchBilling, benchStore } from './store.js';
import { benchStartup } from './startup.js';

type Figures = Record<string, number | string>;
type Bench = () => Promise<Figures> | Figures;
const benches: Record<string, Bench> = {
  billing: benchBilling,
  store: benchStore,
  startup: benchStartup,
};

// Optional benches contributed by other subsystems load only if present.
const optional: Record<string, [string, string]> = {
  print: ['./print.js', 'benchPrint'],
  paper: ['./print.js', 'benchPaper'],
  mqtt: ['./mqtt.js', 'benchMqtt'],
  tui: ['./tui.js', 'benchTui'],
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
// Long benches run only when named (`npm run bench -- fleet`), never in a plain `npm run bench`.
const optIn: Record<string, [string, string]> = {
  fleet: ['./fleet.js', 'benchFleet'],
  ingest: ['./ingest.js', 'benchIngest'],
  planning: ['./planning.js', 'benchPlanning'],
  // The rss part of `tui` alone (its figures are in a plain run already).
  memory: ['./tui.js', 'benchMemory'],
};
for (const [name, [file, fn]] of Object.entries(optIn)) {
  if (wanted.includes(name)) benches[name] = ((await import(file)) as Record<string, Bench>)[fn]!;
}
const results: Record<string, number | string> = {};
for (const [name, [file, fn]] of Object.entries(optional)) {
  if (wanted.length && !wanted.includes(name)) continue;
  try {
    const mod = (await import(file)) as Record<string, Bench>;
    if (mod[fn]) benches[name] = mod[fn]!;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
}
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  Object.assign(results, await bench());
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
