import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Listeners, describeError } from '../../../src/core/events/Listeners.js';
import { MemoryLogger } from '../../../src/adapters/log/MemoryLogger.js';
import type { Log } from '../../../src/ports/Logger.js';

test('a listener that throws is logged as an error and the others still run', () => {
  const logger = new MemoryLogger();
  const log: Log = (level, msg, ctx) => logger.log(level, msg, ctx);
  const l = new Listeners<number>('status', log);
  const got: number[] = [];
  l.add((n) => got.push(n));
  l.add(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  });
  l.add((n) => got.push(n * 10));
  l.emit(3);
  assert.equal(got, [3, 30]);
  assert.is(logger.lines.length, 1);
  assert.match(
    logger.lines[0]!,
    /^error status listener threw \{"listener":"status","error":"TypeError: Cannot read properties of undefined \(reading 'x'\) \(at /,
  );
});

test('remove, snapshot during emit, and no log given', () => {
  const l = new Listeners<void>('change');
  let calls = 0;
  const off = l.add(() => {
    calls++;
    l.add(() => {
      calls += 100;
    });
  });
  l.add(() => {
    throw new Error('x');
  });
  l.emit();
  assert.is(calls, 1, 'a listener added during emit runs next time');
  off();
  assert.is(l.size, 2);
});

test('describeError carries the class, message and throwing frame, not the data fields', () => {
  const e = Object.assign(new Error('bad reading'), { customer: 'Ayşe Yılmaz' });
  assert.not.match(describeError(e), 'Ayşe');
  assert.match(describeError(e), /^Error: bad reading \(at /);
  assert.is(describeError('a string'), 'string');
});

test.run();
