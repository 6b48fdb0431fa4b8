/**
 * The shared catalogues (src/catalogues: words the app and the back office need as well as the
 * screen) word every key and code core hands out, in both languages, with the same parameters;
 * the events keep the Turkish reason labels the office has always received.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FIELDWORK_MESSAGE_KEYS } from '../../../src/core/fieldwork/messages.js';
import { SCAN_OVERRIDE_CODES, SCAN_OVERRIDE_REASONS } from '../../../src/core/reading/scanGate.js';
import { FIELDWORK_EN, FIELDWORK_TR, fieldWorkText } from '../../../src/catalogues/fieldWorkMessages.js';
import { scanOverrideLabel } from '../../../src/catalogues/scanOverrideReasons.js';
import * as ui from '../../../src/adapters/ui/i18n/index.js';

const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

test('field-work messages: every core key worded in tr and en, with the same parameters', () => {
  assert.equal(Object.keys(FIELDWORK_TR).sort(), [...FIELDWORK_MESSAGE_KEYS].sort());
  assert.equal(Object.keys(FIELDWORK_EN).sort(), [...FIELDWORK_MESSAGE_KEYS].sort());
  for (const k of FIELDWORK_MESSAGE_KEYS) assert.equal(holes(FIELDWORK_EN[k]), holes(FIELDWORK_TR[k]), k);
});

test('field-work messages: codes in params are worded in the locale', () => {
  const m = { key: 'pre.working-day.failed', params: { weekday: '7' } } as const;
  assert.is(fieldWorkText(m), 'Bugün iş günü değil (Pazar): kesme yapılamaz.');
  assert.is(fieldWorkText(m, 'en'), 'Not a working day (Sunday): no cut.');
});

test('scan-override reasons: each code labelled in both languages, one screen line after its number', () => {
  assert.equal(
    SCAN_OVERRIDE_REASONS.map((r) => r.code),
    [...SCAN_OVERRIDE_CODES],
  );
  for (const code of SCAN_OVERRIDE_CODES)
    for (const locale of ['tr', 'en'] as const) {
      const label = scanOverrideLabel(code, locale);
      assert.ok(label && label.trim() !== '', `${code} ${locale}`);
      assert.ok([...`9 ${label}`].length <= 40, `${code} ${locale}: ${label}`);
    }
  assert.is(scanOverrideLabel('99'), undefined);
  assert.is(scanOverrideLabel('toString'), undefined, 'only the listed codes');
});

test("the events' reasonLabel stays the Turkish label the office has always received", () => {
  assert.equal(
    SCAN_OVERRIDE_CODES.map((c) => scanOverrideLabel(c)),
    ['Barkod etiketi yok', 'Etiket yıpranmış / okunmuyor', 'Barkod okuyucu arızalı', 'Etikete ulaşılamıyor'],
  );
});

test('the screens reach the shared words through the UI catalogue', () => {
  assert.is(ui.fieldWorkText, fieldWorkText);
  assert.is(ui.scanOverrideLabel, scanOverrideLabel);
});

test.run();
