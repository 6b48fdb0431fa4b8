import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readingText } from '../../../src/adapters/ui/i18n/index.js';
import { parseKeyedIndex } from '../../../src/core/reading/parseKeyedIndex.js';
import { validateReading } from '../../../src/core/reading/validateReading.js';
import { rules, winterMeter, WINTER_DATE } from './fixtures.js';

const reasonOf = (keyed: string, digits = 5) => {
  const r = parseKeyedIndex(keyed, digits);
  return r.ok ? `ok ${r.index}` : r.reason;
};

test('plain digits give the index; surrounding blanks are dropped', () => {
  assert.is(reasonOf('12345'), 'ok 12345');
  assert.is(reasonOf(' 12345\t'), 'ok 12345');
});

test('leading zeros as the dials show them are fine', () => {
  assert.is(reasonOf('00123'), 'ok 123');
  assert.is(reasonOf('0'), 'ok 0');
});

test('an empty or blank entry is refused and points the reader to the no-read codes', () => {
  assert.is(reasonOf(''), 'empty');
  assert.is(reasonOf('   '), 'empty');
  const r = parseKeyedIndex('', 5);
  assert.ok(!r.ok && r.message.key === 'reading.empty');
});

test('red decimal digits keyed after a separator are refused', () => {
  assert.is(reasonOf('12345,6'), 'decimal');
  assert.is(reasonOf('12345.67'), 'decimal');
  assert.is(reasonOf('.5'), 'decimal');
});

test('non-digits inside the entry are refused', () => {
  assert.is(reasonOf('12a45'), 'not-digits');
  assert.is(reasonOf('12 345'), 'not-digits');
  assert.is(reasonOf('123-'), 'not-digits');
  assert.is(reasonOf('abc'), 'not-digits');
  assert.is(reasonOf('١٢٣'), 'not-digits'); // Arabic-Indic digits are not keypad digits
});

test('garbage before otherwise good digits has its own reason', () => {
  assert.is(reasonOf('*12345'), 'leading-garbage');
  assert.is(reasonOf('#00123'), 'leading-garbage');
  assert.is(reasonOf('-5'), 'leading-garbage');
});

test('more keyed digits than the meter has dials are refused, even as leading zeros', () => {
  assert.is(reasonOf('123456', 5), 'too-many-digits');
  assert.is(reasonOf('012345', 5), 'too-many-digits');
  assert.is(reasonOf('12345', 4), 'too-many-digits');
  assert.is(reasonOf('9999', 4), 'ok 9999');
  const r = parseKeyedIndex('123456', 5);
  assert.ok(!r.ok && r.message.params.digits === '5');
  assert.match(!r.ok ? readingText(r.message, 'tr') : '', '5 haneli');
});

test('validateReading reports the same reasons as an invalid result', () => {
  const r = validateReading({ meter: winterMeter, keyed: '123456', readDate: WINTER_DATE, rules });
  assert.is(r.kind, 'invalid');
  assert.is(r.kind === 'invalid' && r.reason, 'too-many-digits');
  const e = validateReading({ meter: winterMeter, keyed: '', readDate: WINTER_DATE, rules });
  assert.is(e.kind === 'invalid' && e.reason, 'empty');
});

test.run();
