/** The inspection parameter file: the shipped one is valid, a broken one reports every error with its path. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInspectionConfig } from '../../../src/core/inspection/index.js';
import { readInspectionConfig } from '../../../src/app/InspectionService.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { configPath, rawConfig } from './fixtures.js';

test('the shipped device/reference/inspection.json is valid and marks its assumed values', async () => {
  const c = await readInspectionConfig(configPath);
  assert.is(c.estimation.kwhPerM3, '10.64');
  assert.is(c.usulsuz.multiple, '3');
  assert.equal(c.usulsuz.cutReopenFee, [{ validFrom: '2026-01-01', validTo: '2026-12-31', amount: '206.00' }]);
  assert.equal([c.officials.min, c.surcharge.rate, c.surcharge.repeatRate], [2, '2.00', '3.00']);
  assert.ok(Object.keys(c.assumed).length >= 5);
  assert.ok(c.assumed['estimation.kwhPerM3']!.includes('203'));
});

test('every error at once, each with its path', () => {
  const raw = rawConfig() as Record<string, any>;
  raw.estimation.defaultMethod = 'guess';
  raw.estimation.applianceCapacity.loadFactor = 0.5; // a JSON number, not a decimal string
  raw.estimation.similarUnits.dailyM3ByMonth = ['1'];
  raw.surcharge.rate = '-1';
  raw.vat.extra = '0.2';
  raw.usulsuz.multiple = '4';
  raw.usulsuz.cutReopenFee[0].validFrom = '2026-13-01';
  raw.subtypes.kacak.push({ code: 'bypass', label: 'again' });
  raw.assumed['no.such.value'] = 'x';
  const r = parseInspectionConfig(raw);
  assert.ok(!r.ok);
  const paths = !r.ok ? r.errors.map((e) => e.path).sort() : [];
  assert.equal(paths, [
    'assumed.no.such.value',
    'estimation.applianceCapacity.loadFactor',
    'estimation.defaultMethod',
    'estimation.similarUnits.dailyM3ByMonth',
    'subtypes.kacak[6].code',
    'surcharge.rate',
    'usulsuz.cutReopenFee[0].validFrom',
    'usulsuz.multiple',
    'vat.extra',
  ]);
});

test('an unreadable or invalid file is one Config_* error naming the file', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'saha-insp-'));
  writeFileSync(join(dir, 'bad.json'), '{ not json');
  writeFileSync(join(dir, 'empty.json'), '{}');
  for (const [f, code] of [
    ['bad.json', 'Config_Unreadable'],
    ['empty.json', 'Config_Invalid'],
    ['missing.json', 'Config_Unreadable'],
  ] as const) {
    try {
      await readInspectionConfig(join(dir, f));
      assert.unreachable();
    } catch (e) {
      assert.ok(isAppError(e, code), `${f}: ${String(e)}`);
      assert.match((e as Error).message, f);
    }
  }
});

test.run();
