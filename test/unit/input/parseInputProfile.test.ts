import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';

const minimal = { id: 'scanner', role: 'scanner', match: { vendorId: '0x0c2e', productId: 2913 } };

test('hex strings and numbers both work for ids; defaults are filled in', () => {
  const p = parseInputProfile(minimal);
  assert.equal(p.match, { vendorId: 0x0c2e, productId: 2913 });
  assert.is(p.driver, 'hidraw');
  assert.is(p.protocol, 'keyboard');
  assert.is(p.terminator, 'enter');
  assert.is(p.reportId, null);
  assert.is(p.burst.maxGapMs, 100);
  assert.is(p.hidPos.reportId, 2);
});

test('a keypad detects scans by default, with a tighter gap', () => {
  const p = parseInputProfile({ ...minimal, role: 'keypad' });
  assert.is(p.scanDetection, true);
  assert.is(p.burst.maxGapMs, 40);
});

test('keymap keys are usage ids, values are app keys or none', () => {
  const p = parseInputProfile({ ...minimal, keymap: { '0x3e': 'f1', '0x28': 'none' } });
  assert.equal(
    [...p.keymap],
    [
      [0x3e, 'f1'],
      [0x28, 'none'],
    ],
  );
});

test('every problem is reported at once, each naming its key', () => {
  try {
    parseInputProfile(
      {
        id: 'bad id!',
        role: 'printer',
        match: { vendorId: '0xZZ', productId: 70000 },
        driver: 'usb',
        terminator: 'cr',
        keymap: { '0x3a': 'digit', zz: 'f1' },
        hidPos: { dataIndex: -1 },
        protocol: 'hid-pos',
      },
      'device/input/bad.json',
    );
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, AppError);
    const err = e as AppError;
    assert.is(err.code, ErrorCode.Config_Invalid);
    const keys = (err.context.errors as string[]).map((m) => m.split(':')[0]);
    for (const k of [
      'id',
      'role',
      'match.vendorId',
      'match.productId',
      'driver',
      'terminator',
      'keymap.0x3a',
      'keymap.zz',
      'hidPos.dataIndex',
      'protocol',
    ]) {
      assert.ok(keys.includes(k), `no error for ${k} in ${keys.join(', ')}`);
    }
    assert.is(err.context.file, 'device/input/bad.json');
  }
});

test('not an object at all', () => {
  assert.throws(
    () => parseInputProfile([]),
    (e: unknown) => e instanceof AppError && e.code === ErrorCode.Config_Invalid,
  );
});

test.run();
