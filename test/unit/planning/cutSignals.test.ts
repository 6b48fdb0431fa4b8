/** Cut signals: the index moving on a cut meter, and the seal removed at a reconnection (docs/planning.md §Signals). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signalWords } from '../../../src/backoffice/planning/signalWords.js';
import { indexAdvancedWhileCut, sealMismatchAtReconnection } from '../../../src/core/planning/cutSignals.js';
import { facts, params } from './facts.js';

const r = (date: string, index: number) => ({ date, index, previousIndex: index, m3: 0 });
const asOf = '2026-04-02';

test('indexAdvancedWhileCut: a reading above the cut index before any reconnection', () => {
  const f = facts({ cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }], readings: [r('2025-12-01', 5000), r('2026-01-01', 5120)] });
  const hit = indexAdvancedWhileCut(f, asOf, params);
  assert.ok(hit);
  assert.match(signalWords(hit.text).tr, /5000.*5120/);
  assert.match(signalWords(hit.text).en, /while cut/);
});

test('indexAdvancedWhileCut: a reconnection index above the cut counts; readings after the reconnection do not', () => {
  const rec = { date: '2026-01-05', index: 5300, removedSealNo: 'S1', findings: [] };
  assert.ok(
    indexAdvancedWhileCut(facts({ cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }], reconnections: [rec] }), asOf, params),
  );
  const legit = facts({
    cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }],
    reconnections: [{ ...rec, index: 5000 }],
    readings: [r('2025-12-01', 5000), r('2026-02-01', 5400)],
  });
  assert.is(indexAdvancedWhileCut(legit, asOf, params), null);
});

test('indexAdvancedWhileCut: a meter exchange after the cut starts a new index; later events are ignored', () => {
  const f = facts({
    cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }],
    exchanges: [{ date: '2025-11-20' }],
    readings: [r('2025-12-01', 5100)],
  });
  assert.is(indexAdvancedWhileCut(f, asOf, params), null);
  const later = facts({ cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }], readings: [r('2026-05-01', 5100)] });
  assert.is(indexAdvancedWhileCut(later, asOf, params), null);
});

test('sealMismatchAtReconnection: the removed seal differs from the cut seal, or the device said so', () => {
  const cut = { date: '2025-11-10', index: 5000, sealNo: 'S1' };
  const hit = sealMismatchAtReconnection(
    facts({ cuts: [cut], reconnections: [{ date: '2026-01-05', index: 5000, removedSealNo: 'S9', findings: [] }] }),
    asOf,
  );
  assert.ok(hit);
  assert.match(signalWords(hit.text).en, /S9.*S1/);
  const flagged = facts({ reconnections: [{ date: '2026-01-05', index: 5000, removedSealNo: 'S1', findings: ['seal-mismatch'] }] });
  assert.ok(sealMismatchAtReconnection(flagged, asOf));
  assert.is(
    sealMismatchAtReconnection(
      facts({ cuts: [cut], reconnections: [{ date: '2026-01-05', index: 5000, removedSealNo: 'S1', findings: [] }] }),
      asOf,
    ),
    null,
  );
});

test.run();
