/** The device's log file: level filter, line format, and the size cap with rotation to one `.1` file. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileLogger } from '../../../src/adapters/log/FileLogger.js';

const at = () => new Date('2026-03-01T08:00:00.000Z');
function tmp(): { dir: string; file: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'saha-log-'));
  return { dir, file: join(dir, 'logs', 'saha.log'), done: () => rmSync(dir, { recursive: true, force: true }) };
}
const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);

test('lines: time, level, message, JSON context; entries above the level are dropped', async () => {
  const t = tmp();
  try {
    const l = new FileLogger(t.file, { level: 'info', now: at });
    l.log('debug', 'not written');
    l.log('warn', 'printer disconnected', { path: '/dev/ttyUSB0' });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    l.log('error', 'odd context', circular);
    await l.close();
    assert.equal(lines(t.file), [
      '2026-03-01T08:00:00.000Z WARN printer disconnected {"path":"/dev/ttyUSB0"}',
      '2026-03-01T08:00:00.000Z ERROR odd context {"ctx":"unserializable"}',
    ]);
    assert.is(statSync(t.file).mode & 0o777, 0o600);
  } finally {
    t.done();
  }
});

test('size cap: rotates to <file>.1 (one only), never past maxBytes, newest lines kept in order', async () => {
  const t = tmp();
  try {
    const maxBytes = 2048;
    const l = new FileLogger(t.file, { level: 'debug', maxBytes, now: at });
    for (let i = 0; i < 500; i++) l.log('info', `entry ${String(i).padStart(4, '0')}`);
    await l.close();
    assert.ok(existsSync(`${t.file}.1`), 'rotated');
    assert.not.ok(existsSync(`${t.file}.2`), 'one old file only');
    assert.ok(statSync(t.file).size <= maxBytes, `current ${statSync(t.file).size}`);
    assert.ok(statSync(`${t.file}.1`).size <= maxBytes, `old ${statSync(`${t.file}.1`).size}`);
    const kept = [...lines(`${t.file}.1`), ...lines(t.file)].map((x) => Number(x.slice(-4)));
    assert.is(kept[kept.length - 1], 499, 'the newest line is in the current file');
    assert.equal(
      kept,
      kept.map((_, i) => kept[0]! + i),
      'contiguous and in order across the two files',
    );
    assert.ok(kept.length > 30, `${kept.length} lines kept`);
  } finally {
    t.done();
  }
});

test('a restarted app counts the size already on disk', async () => {
  const t = tmp();
  try {
    const first = new FileLogger(t.file, { maxBytes: 1024, now: at });
    await first.close();
    writeFileSync(t.file, 'x'.repeat(1000) + '\n');
    const l = new FileLogger(t.file, { maxBytes: 1024, now: at });
    l.log('info', 'after restart');
    await l.close();
    assert.is(readFileSync(`${t.file}.1`, 'utf8').length, 1001);
    assert.equal(lines(t.file), ['2026-03-01T08:00:00.000Z INFO after restart']);
  } finally {
    t.done();
  }
});

test('logging after close, or to a path it cannot open, drops lines and does not throw', async () => {
  const t = tmp();
  try {
    const l = new FileLogger(t.file, { now: at });
    await l.close();
    l.log('error', 'late');
    mkdirSync(join(t.dir, 'dir.log'));
    const bad = new FileLogger(join(t.dir, 'dir.log'), { now: at });
    bad.log('error', 'nowhere');
    await bad.close();
    assert.equal(lines(t.file), []);
  } finally {
    t.done();
  }
});

test.run();
