/** The ranked list: peers, weights from configuration, --area, context-only signals, explained scores. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signalWords } from '../../../src/backoffice/planning/signalWords.js';
import { parsePlanningConfig } from '../../../src/core/planning/config.js';
import { planInspections } from '../../../src/core/planning/plan.js';
import { config, facts, monthly, seasonal } from './facts.js';

const asOf = '2026-04-02';
const street = (i: number, area = 'Hoşnudiye') => `${area} Mah. İsmet İnönü Cad. No: ${10 + i}/1, Tepebaşı / Eskişehir`;
const city = (n: number, area?: string) =>
  Array.from({ length: n }, (_, i) =>
    facts({
      installationNo: `40000${area ? 9 : 1}${String(i).padStart(4, '0')}`,
      address: street(i, area),
      readings: monthly('2023-04', 37, seasonal),
    }),
  );

test('an installation far below its street is ranked, with the weighted points of each reason adding up to the score', () => {
  const low = facts({
    installationNo: '4000099999',
    address: street(50),
    readings: monthly('2023-04', 37, (m, y) => seasonal(m) * (y >= 2025 ? 0.15 : 1)),
  });
  const list = planInspections([...city(10), low], config, { asOf });
  assert.is(list.length, 1, 'ordinary households have nothing but context');
  const top = list[0]!;
  assert.is(top.installationNo, '4000099999');
  assert.ok(top.reasons.some((r) => r.signal === 'dropAgainstPeers'));
  assert.is(Math.round(top.reasons.reduce((s, r) => s + r.points, 0) * 100) / 100, top.score);
  for (const r of top.reasons) {
    const w = signalWords(r.text);
    assert.ok(w.tr.length > 10 && w.en.length > 10);
  }
  assert.is(top.area, 'Hoşnudiye Mah.');
});

test('weights come from configuration: a zero weight removes the signal, a heavier one reorders', () => {
  const cut = facts({
    installationNo: 'A',
    address: street(1),
    cuts: [{ date: '2025-11-10', index: 5000, sealNo: 'S1' }],
    readings: [{ date: '2026-01-01', index: 5200, previousIndex: 5000, m3: 200 }],
  });
  const refuser = facts({
    installationNo: 'B',
    address: street(2),
    skips: ['2026-01-01', '2026-02-01', '2026-03-01', '2026-03-20'].map((date) => ({ date, code: '05' })),
  });
  assert.equal(
    planInspections([cut, refuser], config, { asOf }).map((x) => x.installationNo),
    ['A', 'B'],
  );
  const flipped = parsePlanningConfig({ ...config, weights: { ...config.weights, indexAdvancedWhileCut: 0.1, refusedAccess: 9 } });
  assert.equal(
    planInspections([cut, refuser], flipped, { asOf }).map((x) => x.installationNo),
    ['B', 'A'],
  );
  const off = parsePlanningConfig({ ...config, weights: { ...config.weights, refusedAccess: 0 } });
  assert.equal(
    planInspections([cut, refuser], off, { asOf }).map((x) => x.installationNo),
    ['A'],
  );
});

test('--area keeps the installations whose address holds the text (Turkish case-insensitive); --limit cuts the list', () => {
  const bad = (no: string, address: string) => facts({ installationNo: no, address, skips: [{ date: '2026-03-01', code: '09' }] });
  const all = [bad('1', street(1, 'Işıklar')), bad('2', street(2, 'Hoşnudiye')), bad('3', street(3, 'Işıklar'))];
  assert.equal(
    planInspections(all, config, { asOf, area: 'IŞIKLAR mah' }).map((x) => x.installationNo),
    ['1', '3'],
  );
  assert.is(planInspections(all, config, { asOf, limit: 2 }).length, 2);
});

test('a bad configuration names every problem at once', () => {
  try {
    parsePlanningConfig({ weights: { ...config.weights, nope: 1, crewRequest: -1 }, params: { ...config.params, heatingMonths: [13] } });
    assert.unreachable();
  } catch (e) {
    const m = (e as Error).message;
    assert.match(m, /weights\.nope is not a signal/);
    assert.match(m, /weights\.crewRequest must be a number/);
    assert.match(m, /params\.heatingMonths/);
  }
});

test.run();
