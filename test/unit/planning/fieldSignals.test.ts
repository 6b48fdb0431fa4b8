/** Field and history signals: broken seals, tampering codes, refusals, offences, requests, time since inspection. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signalWords } from '../../../src/backoffice/planning/signalWords.js';
import { brokenSeals, refusedAccess, tamperingNoReadCodes } from '../../../src/core/planning/fieldSignals.js';
import { crewRequest, previousOffences, timeSinceInspection } from '../../../src/core/planning/historySignals.js';
import { facts, params } from './facts.js';

const asOf = '2026-04-02';

test('brokenSeals: an inspection that saw broken seals', () => {
  assert.ok(brokenSeals(facts({ inspections: [{ date: '2025-06-01', finding: 'none', brokenSeals: 2 }] }), asOf));
  assert.is(brokenSeals(facts({ inspections: [{ date: '2025-06-01', finding: 'none', brokenSeals: 0 }] }), asOf), null);
});

test('tamperingNoReadCodes: code 09 full strength, 06 weaker, 01 nothing; old codes drop out', () => {
  assert.is(tamperingNoReadCodes(facts({ skips: [{ date: '2026-02-01', code: '09' }] }), asOf, params)?.strength, 1);
  assert.is(
    tamperingNoReadCodes(facts({ skips: [{ date: '2026-02-01', code: '06' }] }), asOf, params)?.strength,
    params.tamperingCodes['06'],
  );
  assert.is(tamperingNoReadCodes(facts({ skips: [{ date: '2026-02-01', code: '01' }] }), asOf, params), null);
  assert.is(tamperingNoReadCodes(facts({ skips: [{ date: '2023-02-01', code: '09' }] }), asOf, params), null);
});

test('refusedAccess: repeated refusals only, stronger with more', () => {
  const skips = (n: number) => Array.from({ length: n }, (_, i) => ({ date: `2026-0${i + 1}-01`, code: '05' }));
  assert.is(refusedAccess(facts({ skips: skips(1) }), asOf, params), null);
  const two = refusedAccess(facts({ skips: skips(2) }), asOf, params);
  const three = refusedAccess(facts({ skips: skips(3) }), asOf, params);
  assert.ok(two && three && three.strength > two.strength);
  assert.match(signalWords(two.text).tr, /2 kez/);
});

test('previousOffences: kaçak counts more than usulsüz, the office record counts, old ones do not', () => {
  assert.is(
    previousOffences(facts({ inspections: [{ date: '2024-01-01', finding: 'kacak', brokenSeals: 0 }] }), asOf, params)?.strength,
    1,
  );
  assert.is(previousOffences(facts({ priorOffences: [{ date: '2024-01-01', finding: 'usulsuz' }] }), asOf, params)?.strength, 0.6);
  assert.is(previousOffences(facts({ priorOffences: [{ date: '2015-01-01', finding: 'kacak' }] }), asOf, params), null);
});

test('crewRequest: open until an inspection is made', () => {
  const requests = [{ date: '2026-01-10', reason: 'seal-mismatch' }];
  assert.ok(crewRequest(facts({ requests }), asOf));
  assert.is(crewRequest(facts({ requests, inspections: [{ date: '2026-02-01', finding: 'none', brokenSeals: 0 }] }), asOf), null);
});

test('timeSinceInspection: never inspected is 1, a recent one near 0', () => {
  assert.is(timeSinceInspection(facts(), asOf, params)?.strength, 1);
  const recent = timeSinceInspection(facts({ inspections: [{ date: '2026-03-01', finding: 'none', brokenSeals: 0 }] }), asOf, params);
  assert.ok(recent && recent.strength < 0.1);
  assert.is(timeSinceInspection(facts({ inspections: [{ date: asOf, finding: 'none', brokenSeals: 0 }] }), asOf, params), null);
});

test.run();
