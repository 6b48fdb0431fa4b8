/** HeapTrimmer: a full collection after a burst of job writes, and bounded while a long burst lasts. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HeapTrimmer, exposeGc } from '../../../src/adapters/runtime/heapTrimmer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('V8 gc is reachable without a command-line flag, and it frees garbage', () => {
  const gc = exposeGc();
  assert.type(gc, 'function');
  let junk: unknown[] = Array.from({ length: 200_000 }, (_, i) => ({ s: `job-${i}`, n: [i] }));
  const full = process.memoryUsage().heapUsed;
  junk = [];
  gc!();
  assert.ok(process.memoryUsage().heapUsed < full - 5_000_000, 'the garbage was collected');
  assert.is(junk.length, 0);
});

test('a burst runs one collection once quiet, not one per write', async () => {
  let runs = 0;
  const t = new HeapTrimmer({ gc: () => runs++, quietMs: 30, minIntervalMs: 10_000 });
  for (let i = 0; i < 50; i++) t.poke();
  assert.is(runs, 0, 'nothing while the writes go on');
  await sleep(80);
  assert.is(runs, 1);
  t.stop();
});

test('a long burst is trimmed every minIntervalMs while it lasts (the peak while a route arrives)', () => {
  let now = 0;
  let runs = 0;
  const t = new HeapTrimmer({ gc: () => runs++, quietMs: 1_000_000, minIntervalMs: 100, now: () => now });
  for (now = 0; now <= 1000; now += 10) t.poke();
  assert.ok(runs >= 8 && runs <= 10, `runs ${runs}`);
  t.stop();
});

test('without gc it does nothing and says so once', () => {
  const logged: string[] = [];
  const t = new HeapTrimmer({ gc: undefined, log: (_l, m) => logged.push(m) });
  t.poke();
  t.run();
  assert.is(t.runs, 0);
  assert.is(logged.length, 1);
  assert.match(logged[0]!, 'heap trimming unavailable');
});

test.run();
