import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputProfiles } from '../../../src/adapters/hid/loadInputProfiles.js';
import { AppError, ErrorCode } from '../../../src/core/errors/AppError.js';

const deviceInput = new URL('../../../device/input/', import.meta.url).pathname;

test('the shipped profiles are valid and agree on one driver', async () => {
  const ps = await loadInputProfiles(deviceInput);
  assert.equal(
    ps.map((p) => `${p.id}:${p.role}:${p.driver}`),
    ['keypad:keypad:libusb', 'scanner:scanner:libusb'],
  );
});

test('the HID-POS example is valid too', async () => {
  const [p] = await loadInputProfiles(join(deviceInput, 'examples'));
  assert.is(p?.protocol, 'hid-pos');
  assert.is(p?.match.usagePage, 0x8c);
});

test('all files’ problems at once: bad JSON, bad field, duplicate id, mixed drivers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-profiles-'));
  const base = { role: 'scanner', match: { vendorId: 1, productId: 2 } };
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...base, id: 'dup', driver: 'libusb' }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...base, id: 'dup', driver: 'hidraw' }));
  writeFileSync(join(dir, 'c.json'), '{ not json');
  writeFileSync(join(dir, 'd.json'), JSON.stringify({ ...base, id: 'd', terminator: 'cr' }));
  try {
    await loadInputProfiles(dir);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, AppError);
    assert.is((e as AppError).code, ErrorCode.Config_Invalid);
    const errs = ((e as AppError).context.errors as string[]).join('\n');
    assert.match(errs, /c\.json/);
    assert.match(errs, /d\.json: terminator/);
    assert.match(errs, /id "dup" used by more than one/);
    assert.match(errs, /mix driver hidraw and libusb/);
  }
});

test.run();
