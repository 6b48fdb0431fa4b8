import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Backoff, backoffDelay, noJitter } from '../../../src/core/retry/backoff.js';

test('doubles from minMs up to maxMs with no jitter', () => {
  const b = new Backoff({ minMs: 100, maxMs: 1000 }, noJitter);
  assert.equal(
    [1, 2, 3, 4, 5, 6].map(() => b.next()),
    [100, 200, 400, 800, 1000, 1000],
  );
  assert.is(b.attempt, 6);
  b.reset();
  assert.is(b.next(), 100);
});

test('equal jitter: the delay lies in [cap/2, cap], following the random source', () => {
  assert.is(
    backoffDelay(3, 100, 10_000, () => 0),
    400,
  );
  assert.is(
    backoffDelay(3, 100, 10_000, () => 0.5),
    600,
  );
  assert.is(
    backoffDelay(3, 100, 10_000, () => 0.999999),
    800,
  );
  assert.is(
    backoffDelay(20, 100, 10_000, () => 0),
    5000,
    'capped at maxMs, then halved for the floor',
  );
});

test('a fleet with independent random sources spreads out', () => {
  let seed = 42;
  const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 1000, 60_000, lcg)));
  assert.ok(delays.size > 40, `only ${delays.size} distinct delays out of 50`);
  for (const d of delays) assert.ok(d >= 8000 && d <= 16_000);
});

test('current() does not count an attempt; huge attempts and zero bases stay finite and positive', () => {
  const b = new Backoff({ minMs: 50, maxMs: 400 }, noJitter);
  assert.is(b.current(), 50);
  assert.is(b.current(), 50);
  for (let i = 0; i < 100; i++) b.next();
  assert.is(b.current(), 400);
  assert.is(backoffDelay(1e9, 0, 0, noJitter), 1);
  assert.is(backoffDelay(-3, 100, 1000, noJitter), 100);
});

test.run();
