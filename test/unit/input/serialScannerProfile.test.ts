import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';
import { collectInputProfiles } from '../../../src/core/input/collectInputProfiles.js';
import { MAX_SCAN_LENGTH } from '../../../src/core/input/InputEvent.js';
import { parseSerialScannerProfile } from '../../../src/core/input/parseSerialScannerProfile.js';
import { readSerialLine } from '../../../src/core/input/serialLine.js';

const example = new URL('../../../device/input/examples/serial/scanner.json', import.meta.url).pathname;
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function configErrors(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.instance(e, AppError);
    assert.is((e as AppError).code, ErrorCode.Config_Invalid);
    return (e as AppError).context.errors as string[];
  }
  throw new Error('expected Config_Invalid');
}

test('the shipped example is valid: the design card profile, defaults filled', () => {
  const p = parseSerialScannerProfile(JSON.parse(readFileSync(example, 'utf8')), example);
  assert.equal(
    [p.kind, p.id, p.path, p.baudRate, p.delimiter, p.maxLineBytes],
    ['serial-scanner', 'scanner', '/dev/ttyACM0', 9600, '\r\n', MAX_SCAN_LENGTH],
  );
});

test('defaults: 9600 baud, CR LF; every problem reported at once by key', () => {
  const p = parseSerialScannerProfile({ kind: 'serial-scanner', id: 's', path: '/dev/ttyUSB0' });
  assert.equal([p.baudRate, p.delimiter, p.name], [9600, '\r\n', 's']);
  const errs = configErrors(() =>
    parseSerialScannerProfile({ kind: 'serial-scanner', id: '', path: 'ttyACM0', baudRate: 9601, delimiter: ';', maxLineBytes: 1 }),
  ).join('\n');
  for (const key of ['id', 'path', 'baudRate', 'delimiter', 'maxLineBytes']) assert.match(errs, new RegExp(`^${key}:`, 'm'));
});

test('collectInputProfiles: kinds split, duplicate ids across kinds, unknown kind, every file named', () => {
  const hid = JSON.stringify({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 } });
  const serial = JSON.stringify({ kind: 'serial-scanner', id: 'scanner', path: '/dev/ttyACM0' });
  const ok = collectInputProfiles(
    [
      { file: 'a.json', text: hid },
      { file: 'b.json', text: serial },
    ],
    'dir',
  );
  assert.equal([ok.hid.map((p) => p.id), ok.serial.map((p) => p.id)], [['keypad'], ['scanner']]);
  const errs = configErrors(() =>
    collectInputProfiles(
      [
        { file: 'a.json', text: serial },
        { file: 'b.json', text: serial },
        { file: 'c.json', text: JSON.stringify({ kind: 'bluetooth', id: 'c' }) },
        { file: 'd.json', error: 'EACCES: permission denied' },
      ],
      'dir',
    ),
  ).join('\n');
  assert.match(errs, /id "scanner" used by more than one profile/);
  assert.match(errs, /c\.json: kind: must be "hid"/);
  assert.match(errs, /d\.json: EACCES/);
});

test('readSerialLine: a code, trimmed; blank; too long; not UTF-8; control bytes; GS kept', () => {
  assert.equal(readSerialLine(bytes('  SAYAC-1\r'), 64), { kind: 'scan', code: 'SAYAC-1' });
  assert.equal(readSerialLine(bytes('\nÖĞÜ-42'), 64), { kind: 'scan', code: 'ÖĞÜ-42' });
  assert.equal(readSerialLine(bytes(']C1\u001d01'), 64), { kind: 'scan', code: ']C1\u001d01' });
  assert.equal(readSerialLine(bytes(' \t\r\n'), 64), { kind: 'blank' });
  assert.equal(readSerialLine(new Uint8Array(0), 64), { kind: 'blank' });
  assert.equal(readSerialLine(bytes('A'.repeat(65)), 64), { kind: 'too-long', bytes: 65 });
  assert.equal(readSerialLine(new Uint8Array([0x41, 0xff, 0x42]), 64), { kind: 'garbled', reason: 'not-utf8' });
  assert.equal(readSerialLine(bytes('A\u0000B'), 64), { kind: 'garbled', reason: 'control-bytes' });
  assert.equal(readSerialLine(bytes('A'.repeat(MAX_SCAN_LENGTH + 1)), MAX_SCAN_LENGTH * 4), {
    kind: 'too-long',
    bytes: MAX_SCAN_LENGTH + 1,
  });
});

test.run();
