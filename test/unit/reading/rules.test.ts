import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_READING_RULES, parseReadingRules, readingRulesError } from '../../../src/core/reading/rules.js';
import { DEFAULT_NO_READ_CODES } from '../../../src/core/reading/noReadCodes.js';
import { validateReading } from '../../../src/core/reading/validateReading.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import { summerMeter, SUMMER_DATE } from './fixtures.js';

test('defaults are the docs/domain.md figures', () => {
  assert.equal(
    { ...DEFAULT_READING_RULES, noReadCodes: undefined },
    {
      highFactor: '2.5',
      lowFactor: '0.3',
      heatingSeasonMonths: [10, 11, 12, 1, 2, 3, 4],
      zeroIsSuspectInHeatingSeason: true,
      revealLimits: false,
      noReadCodes: undefined,
      noteMaxLength: 200,
      defaultMeterClass: 'G4',
      tamperNoReadCode: '09',
      maxTariffAgeDays: 62,
      highConsumption: 'supervisor',
    },
  );
});

test('defaultMeterClass and tamperNoReadCode: configurable, checked', () => {
  const ok = parseReadingRules({ defaultMeterClass: 'G6', tamperNoReadCode: '06' });
  assert.ok(ok.ok && ok.rules.defaultMeterClass === 'G6' && ok.rules.tamperNoReadCode === '06');
  const bad = parseReadingRules({ defaultMeterClass: 'G5', tamperNoReadCode: '42' }, { keyPrefix: 'reading' });
  assert.ok(!bad.ok);
  if (bad.ok) return;
  assert.equal(bad.errors.map((e) => `${e.key} ${e.code}`).sort(), ['reading.defaultMeterClass type', 'reading.tamperNoReadCode range']);
});

test('highConsumption: supervisor (default) or hold-for-office; anything else is a typed error naming the key', () => {
  const hold = parseReadingRules({ highConsumption: 'hold-for-office' });
  assert.ok(hold.ok && hold.rules.highConsumption === 'hold-for-office');
  const bad = parseReadingRules({ highConsumption: 'office' }, { keyPrefix: 'reading' });
  assert.ok(!bad.ok);
  if (bad.ok) return;
  assert.equal(
    bad.errors.map((e) => `${e.key} ${e.code}`),
    ['reading.highConsumption type'],
  );
  assert.match(bad.errors[0]!.message, 'supervisor, hold-for-office');
  assert.is(readingRulesError(bad.errors).code, ErrorCode.Config_Invalid);
});

test('default no-read codes are exactly the docs/domain.md table', () => {
  const table = [
    ['01', 'Kapı/ev kapalı – kimse yok'],
    ['02', 'Sayaç kilitli alanda / erişim yok'],
    ['03', 'Sayaç görülemiyor / önü kapalı'],
    ['04', 'Köpek / güvenlik riski'],
    ['05', 'Abone okutmadı'],
    ['06', 'Sayaç arızalı / numaratör dönmüyor'],
    ['07', 'Numaratör okunamıyor'],
    ['08', 'Sayaç yok / sökülmüş'],
    ['09', 'Mühür kopuk / müdahale şüphesi'],
    ['10', 'Adres bulunamadı / boş bina'],
    ['11', 'Sayaç seri no uyuşmuyor'],
    ['12', 'Gaz kapalı / mühürlü'],
    ['99', 'Diğer'],
  ];
  assert.equal(
    DEFAULT_NO_READ_CODES.map((c) => [c.code, c.label]),
    table,
  );
  assert.equal(
    DEFAULT_NO_READ_CODES.filter((c) => c.followUp).map((c) => c.code),
    ['06', '08', '09', '11'],
  );
  assert.equal(
    DEFAULT_NO_READ_CODES.filter((c) => c.requiresNote).map((c) => c.code),
    ['99'],
  );
});

test('no config section means the defaults', () => {
  const r = parseReadingRules(undefined);
  assert.ok(r.ok && r.rules === DEFAULT_READING_RULES);
  const e = parseReadingRules({});
  assert.equal(e.ok && e.rules, DEFAULT_READING_RULES);
});

test('custom rules from config override only the keys given, numbers become exact decimals', () => {
  const r = parseReadingRules({
    highFactor: 3,
    lowFactor: '0.25',
    heatingSeasonMonths: [11, 12, 1, 2, 3],
    revealLimits: true,
    noReadCodes: [
      { code: '01', label: 'Evde yok' },
      { code: '21', label: 'Sayaç dolapta, anahtar yok', followUp: true },
      { code: '99', label: 'Diğer', requiresNote: true },
    ],
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  if (!r.ok) return;
  assert.is(r.rules.highFactor, '3');
  assert.is(r.rules.lowFactor, '0.25');
  assert.equal(r.rules.heatingSeasonMonths, [11, 12, 1, 2, 3]);
  assert.is(r.rules.revealLimits, true);
  assert.is(r.rules.zeroIsSuspectInHeatingSeason, true); // default kept
  assert.equal(r.rules.noReadCodes[1], { code: '21', label: 'Sayaç dolapta, anahtar yok', requiresNote: false, followUp: true });

  // and the parsed rules drive validation: 60 m³ expected, high now above 180
  const at = (c: number) => validateReading({ meter: summerMeter, keyed: String(12000 + c), readDate: SUMMER_DATE, rules: r.rules }).kind;
  assert.is(at(180), 'ok');
  assert.is(at(181), 'needs-confirmation');
});

test('an invalid rules object lists every error at once, each naming its key', () => {
  const r = parseReadingRules(
    {
      highFactor: 'two',
      lowFactor: 1.5,
      heatingSeasonMonths: [1, 13, 1],
      zeroIsSuspectInHeatingSeason: 'yes',
      revealLimits: 1,
      noteMaxLength: 0,
      hihgFactor: 2,
      noReadCodes: [
        { code: '1', label: 'x' },
        { code: '02', label: '' },
        { code: '03', label: 'ok', followUp: 'true', colour: 'red' },
        { code: '03', label: 'dup' },
        { label: 'no code' },
        'nope',
      ],
    },
    { keyPrefix: 'reading' },
  );
  assert.ok(!r.ok);
  if (r.ok) return;
  const got = r.errors.map((e) => `${e.key} ${e.code}`).sort();
  assert.equal(got, [
    'reading.heatingSeasonMonths[1] range',
    'reading.heatingSeasonMonths[2] duplicate',
    'reading.highFactor type',
    'reading.hihgFactor unknown-key',
    'reading.lowFactor range',
    'reading.noReadCodes[0].code type',
    'reading.noReadCodes[1].label type',
    'reading.noReadCodes[2].colour unknown-key',
    'reading.noReadCodes[2].followUp type',
    'reading.noReadCodes[3].code duplicate',
    'reading.noReadCodes[4].code required',
    'reading.noReadCodes[5] type',
    'reading.noteMaxLength range',
    'reading.revealLimits type',
    'reading.zeroIsSuspectInHeatingSeason type',
  ]);
  for (const e of r.errors) assert.ok(e.message.length > 0);
});

test('cross-field and list rules: low below high, high at least 1, a non-empty code list, labels fit the screen', () => {
  const keys = (raw: unknown) => {
    const r = parseReadingRules(raw);
    return r.ok ? [] : r.errors.map((e) => `${e.key} ${e.code}`);
  };
  assert.equal(keys({ highFactor: '0.9' }), ['highFactor range']);
  assert.equal(keys({ highFactor: '1', lowFactor: '1' }), ['lowFactor range']);
  assert.equal(keys({ lowFactor: '-0.1' }), ['lowFactor range']);
  assert.equal(keys({ highFactor: 1e-7 }), ['highFactor type']); // no exponent notation
  assert.equal(keys({ noReadCodes: [] }), ['noReadCodes empty']);
  assert.equal(keys({ noReadCodes: { code: '01' } }), ['noReadCodes type']);
  assert.equal(keys({ noReadCodes: [{ code: '01', label: 'x'.repeat(41) }] }), ['noReadCodes[0].label range']);
  assert.equal(keys({ heatingSeasonMonths: [] }), []); // no season at all is allowed
  assert.equal(keys('2.5'), ['(root) not-object']);
});

test('the loader gets one Config_Invalid error with a line per key', () => {
  const r = parseReadingRules({ highFactor: 'x', revealLimits: 'no' }, { keyPrefix: 'reading' });
  assert.ok(!r.ok);
  if (r.ok) return;
  const e = readingRulesError(r.errors);
  assert.is(e.code, ErrorCode.Config_Invalid);
  assert.match(e.message, 'reading.highFactor');
  assert.match(e.message, 'reading.revealLimits');
  assert.equal(e.context.issues, [
    { key: 'reading.highFactor', code: 'type' },
    { key: 'reading.revealLimits', code: 'type' },
  ]);
});

test.run();
