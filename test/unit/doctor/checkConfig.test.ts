/** `saha doctor`'s config check reports a device still carrying the shipped sample distributor (docs/invoice.md "Seller identity"). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../../../src/doctor/checks/checkConfig.js';
import { TEST_DISTRIBUTOR } from '../../helpers/distributor.js';

async function check(config: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'saha-doctor-cfg-'));
  try {
    const file = join(dir, 'saha.json');
    writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
    return await checkConfig(file, {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const device = { mode: 'device', deviceId: 'HT-0042', invoiceSeries: 'HTA', infoSlipSeries: 'HTB', mqtt: { url: 'mqtts://broker:8883' } };

test('the shipped sample distributor in device mode: one problem line per key, each saying what to set', async () => {
  const r = await check(device);
  assert.is(r.config, undefined);
  assert.equal(
    r.results.map((x) => [x.ok, x.detail.split(':')[0]]),
    [
      [false, 'distributor.title'],
      [false, 'distributor.taxNo'],
    ],
  );
  assert.match(r.results[0]!.detail, 'shipped sample');
  assert.match(r.results[1]!.fix, 'SAHA_DISTRIBUTOR_TAX_NO');
});

test("the distributor's own identity passes", async () => {
  const r = await check({ ...device, distributor: TEST_DISTRIBUTOR });
  assert.ok(r.config);
  assert.ok(r.results.every((x) => x.ok && !x.warn));
});

test('a device still on the shipped info-slip series DMB: a warning naming the key, doctor still passes', async () => {
  const { infoSlipSeries: _, ...unset } = device;
  const r = await check({ ...unset, distributor: TEST_DISTRIBUTOR });
  assert.ok(r.config);
  const w = r.results.filter((x) => x.warn);
  assert.is(w.length, 1);
  assert.ok(w[0]!.ok, 'a warning, not a problem');
  assert.match(w[0]!.detail, 'infoSlipSeries is the shipped default DMB');
  assert.match(w[0]!.fix, 'SAHA_INFO_SLIP_SERIES');
});

test('its own info-slip series: no warning, and the pass line names both series', async () => {
  const r = await check({ ...device, distributor: TEST_DISTRIBUTOR });
  assert.is(r.results.filter((x) => x.warn).length, 0);
  assert.match(r.results[0]!.detail, 'series HTA, info slips HTB');
});

test('demo mode keeps the shipped series without a series warning', async () => {
  const r = await check({ mode: 'demo' });
  assert.ok(r.results.every((x) => !x.detail.includes('infoSlipSeries')));
});

test.run();
