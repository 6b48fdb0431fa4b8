// Inbound tariffs (issue 15, item 4): a device stores only plausible tariffs whose validity claims
// no day another tariff of the group already claims; each refusal is a job.rejected naming the
// tariff (and, for an overlap, the tariff it collides with).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { topics, validateEvent } from '../../../src/core/contract/index.js';
import type { Tariff } from '../../../src/core/contract/tariff.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { memoryStore } from './senderRig.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import type { TariffBounds } from '../../../src/core/billing/tariffBounds.js';

const base: Tariff = JSON.parse(readFileSync(new URL('../../fixtures/contract/tariffs/ESGAZ-K1-2025-08.json', import.meta.url), 'utf8'));
const tariff = (over: Partial<Tariff>): Tariff => ({ ...base, ...over });
const send = (t: Tariff) => ({ topic: topics.tariff(t.tariffId), payload: Buffer.from(JSON.stringify(t)) });

async function rig(tariffBounds?: TariffBounds) {
  const { store } = await memoryStore();
  const inbound = new InboundService({
    store,
    deviceId: 'HT-0042',
    maxBytes: 262144,
    keys: new Map(),
    requireSignatures: false,
    tariffBounds,
    notify: () => undefined,
    clock: () => 0,
  });
  const answers = () =>
    [...store.values('outbox')].map((e) => {
      const v = validateEvent(e.envelope, e.topic);
      assert.ok(v.ok, JSON.stringify(v));
      return e.envelope.data as { tariffId?: string; errors: { path: string; message: string }[] };
    });
  return { store, inbound, answers };
}

test('a tariff at 9.999 TL/kWh, with VAT "5" or K "0" is refused and not stored', async () => {
  const { inbound, answers, store } = await rig();
  for (const t of [
    tariff({ tariffId: 'P', unitPricePerKwh: '9.999' }),
    tariff({ tariffId: 'V', vatRate: '5' }),
    tariff({ tariffId: 'K', correctionFactor: '0' }),
  ]) {
    const m = send(t);
    await inbound.handle(m.topic, m.payload);
  }
  assert.equal(
    answers().map((a) => [a.tariffId, a.errors.map((e) => e.path)]),
    [
      ['P', ['/unitPricePerKwh']],
      ['V', ['/vatRate']],
      ['K', ['/correctionFactor']],
    ],
  );
  assert.is(store.size('tariffs'), 0);
});

test('the bounds come from the configuration: a real price rise to 6 TL/kWh passes once tariffBounds.unitPricePerKwh.max allows it', async () => {
  const six = tariff({ tariffId: 'P6', unitPricePerKwh: '6.00' });
  const shipped = loadConfig({ fileText: JSON.stringify({}) });
  const raised = loadConfig({ fileText: JSON.stringify({ tariffBounds: { unitPricePerKwh: { max: '8' } } }) });
  assert.ok(shipped.ok && raised.ok);
  if (!shipped.ok || !raised.ok) return;
  const before = await rig(shipped.config.tariffBounds);
  await before.inbound.handle(send(six).topic, send(six).payload);
  assert.equal(
    before.answers().map((a) => a.errors.map((e) => e.path)),
    [['/unitPricePerKwh']],
    'refused within the shipped bounds',
  );
  const after = await rig(raised.config.tariffBounds);
  await after.inbound.handle(send(six).topic, send(six).payload);
  assert.equal(after.answers(), []);
  assert.is(after.store.size('tariffs'), 1, 'stored under the raised bound');
});

test('a plausible tariff is stored with no answer; its re-publish replaces it', async () => {
  const { inbound, answers, store } = await rig();
  const m = send(base);
  await inbound.handle(m.topic, m.payload);
  const again = send(tariff({ unitPricePerKwh: '1.00' }));
  await inbound.handle(again.topic, again.payload);
  assert.equal(answers(), []);
  assert.is(store.get('tariffs', base.tariffId)!.unitPricePerKwh, '1.00');
});

test('an overlapping tariff of the same group is refused naming both ids; the held one stays in force', async () => {
  const { inbound, answers, store } = await rig();
  const year = tariff({ tariffId: 'G-2026', validFrom: '2026-01-01', validTo: '2026-12-31' });
  const march = tariff({ tariffId: 'G-2026-03', validFrom: '2026-03-01', validTo: null });
  await inbound.handle(send(year).topic, send(year).payload);
  await inbound.handle(send(march).topic, send(march).payload);
  const [a] = answers();
  assert.is(a?.tariffId, 'G-2026-03');
  assert.match(a!.errors[0]!.message, /G-2026-03.*overlaps tariff G-2026 /);
  assert.equal(
    [...store.values('tariffs')].map((t) => t.tariffId),
    ['G-2026'],
  );
});

test('within one batch the second of two overlapping tariffs is refused; a later open-ended takeover is accepted', async () => {
  const { inbound, answers, store } = await rig();
  const a = tariff({ tariffId: 'A', validFrom: '2026-01-01', validTo: null });
  const b = tariff({ tariffId: 'B', validFrom: '2026-01-01', validTo: '2026-06-30' });
  const c = tariff({ tariffId: 'C', validFrom: '2026-07-01', validTo: null });
  await inbound.handleBatch([send(a), send(b), send(c)]);
  assert.equal(
    answers().map((x) => x.tariffId),
    ['B'],
  );
  assert.match(answers()[0]!.errors[0]!.message, /overlaps tariff A /);
  assert.equal([...store.values('tariffs')].map((t) => t.tariffId).sort(), ['A', 'C']);
});

test('a tariff of another group on the same days is no overlap', async () => {
  const { inbound, answers, store } = await rig();
  const a = tariff({ tariffId: 'A', group: 'G1', validFrom: '2026-01-01', validTo: '2026-12-31' });
  const b = tariff({ tariffId: 'B', group: 'G2', validFrom: '2026-01-01', validTo: '2026-12-31' });
  await inbound.handleBatch([send(a), send(b)]);
  assert.equal(answers(), []);
  assert.is(store.size('tariffs'), 2);
});

test.run();
