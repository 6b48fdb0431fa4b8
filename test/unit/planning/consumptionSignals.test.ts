/** Consumption signals (docs/planning.md §Signals): zero use, drop against own history, drop against peers. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signalWords } from '../../../src/backoffice/planning/signalWords.js';
import { dropAgainstOwnHistory, dropAgainstPeers, heatingSeasonZeroUse } from '../../../src/core/planning/consumptionSignals.js';
import { facts, monthly, params, seasonal } from './facts.js';

const asOf = '2026-04-02';

test('heatingSeasonZeroUse: a live meter with next to no winter use is found and explained in both languages', () => {
  const f = facts({ readings: monthly('2023-04', 37, (m, y) => (y === 2026 || (y === 2025 && m >= 11) ? 0.05 : seasonal(m))) });
  const hit = heatingSeasonZeroUse(f, asOf, params);
  assert.ok(hit);
  assert.is(hit.strength, 1);
  assert.match(signalWords(hit.text).tr, /ısıtma sezonundaki \d okumada/);
  assert.match(signalWords(hit.text).en, /heating-season readings/);
});

test('heatingSeasonZeroUse: ordinary winter use, or zero use while the gas is cut, is not a hit', () => {
  assert.is(heatingSeasonZeroUse(facts({ readings: monthly('2023-04', 37, seasonal) }), asOf, params), null);
  const zeroWinter = monthly('2023-04', 37, (m, y) => (y === 2026 || (y === 2025 && m >= 11) ? 0 : seasonal(m)));
  const cut = facts({ readings: zeroWinter, cuts: [{ date: '2025-10-15', index: zeroWinter[30]!.index, sealNo: 'S1' }] });
  assert.is(heatingSeasonZeroUse(cut, asOf, params), null);
});

test('dropAgainstOwnHistory: half of the earlier winters is a hit; stronger the deeper the drop', () => {
  const drop = (k: number) =>
    facts({ readings: monthly('2023-04', 37, (m, y) => seasonal(m) * (y === 2026 || (y === 2025 && m >= 10) ? k : 1)) });
  const mild = dropAgainstOwnHistory(drop(0.4), asOf, params);
  const deep = dropAgainstOwnHistory(drop(0.1), asOf, params);
  assert.ok(mild && deep);
  assert.ok(deep.strength > mild.strength, `${deep.strength} > ${mild.strength}`);
  assert.is(dropAgainstOwnHistory(drop(0.9), asOf, params), null);
  assert.match(signalWords(deep.text).en, /same months of earlier years/);
});

test('dropAgainstOwnHistory: a drop the whole city shares (a warm winter) is divided out', () => {
  const f = facts({ readings: monthly('2023-04', 37, (m, y) => seasonal(m) * (y === 2026 || (y === 2025 && m >= 10) ? 0.4 : 1)) });
  assert.ok(dropAgainstOwnHistory(f, asOf, params, 1));
  assert.is(dropAgainstOwnHistory(f, asOf, params, 0.5), null);
});

test('dropAgainstPeers: far below the median of similar units is a hit; no peers, no hit', () => {
  const f = facts({ readings: monthly('2023-04', 37, (m) => seasonal(m) * 0.2) });
  const hit = dropAgainstPeers(f, asOf, params, { medianRate: 5, count: 8, group: 'street' });
  assert.ok(hit);
  assert.match(signalWords(hit.text).tr, /aynı sokaktaki 8 benzer/);
  assert.is(dropAgainstPeers(f, asOf, params, { count: 2, group: 'city' }), null);
  assert.is(
    dropAgainstPeers(facts({ readings: monthly('2023-04', 37, seasonal) }), asOf, params, { medianRate: 5, count: 8, group: 'street' }),
    null,
  );
});

test.run();
