import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { READING_MESSAGE_KEYS, message, type MessageKey, type MessageParams } from '../../../src/core/reading/messages.js';
import { READING_MESSAGES_EN as MESSAGES_EN, READING_MESSAGES_TR as MESSAGES_TR } from '../../../src/adapters/ui/i18n/readingMessages.js';
import { readingText, type Locale } from '../../../src/adapters/ui/i18n/index.js';
import { DEFAULT_NO_READ_CODES } from '../../../src/core/reading/noReadCodes.js';

const SCREEN = 40;
// The widest values a message can carry: 10-dial indexes, a 10-digit expectation with a decimal.
const WIDEST = {
  digits: '10',
  consumption: '9999999999',
  limit: '9999999999',
  expected: '9999999999.9',
  previous: '9999999999',
  code: '99',
  max: '1000',
};
const keys = Object.keys(MESSAGES_TR) as MessageKey[];
const renderMessage = (key: MessageKey, params: MessageParams, locale: Locale) => readingText(message(key, params), locale);

test('the catalogue words every key core can hand out, and no other', () => {
  assert.equal([...keys].sort(), [...READING_MESSAGE_KEYS].sort());
});

test('every message key has a Turkish and an English text with the same placeholders', () => {
  assert.equal(Object.keys(MESSAGES_EN).sort(), [...keys].sort());
  const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const k of keys) assert.equal(holes(MESSAGES_EN[k]), holes(MESSAGES_TR[k]), k);
});

for (const locale of ['tr', 'en'] as Locale[]) {
  test(`every ${locale} message fits the 40-column screen in at most two lines, even with the widest values`, () => {
    for (const k of keys) {
      const lines = renderMessage(k, WIDEST, locale).split('\n');
      assert.ok(lines.length <= 2, `${k}: ${lines.length} lines`);
      for (const l of lines) assert.ok([...l].length <= SCREEN, `${k} (${locale}) is ${[...l].length} wide: "${l}"`);
    }
  });
}

test('no-read labels fit one screen line', () => {
  for (const c of DEFAULT_NO_READ_CODES) assert.ok([...`${c.code} ${c.label}`].length <= SCREEN, c.label);
});

test('one number style in both languages (src/core/text/format.ts): decimal comma, grouped thousands', () => {
  const p = { consumption: '211667', limit: '150', expected: '96.7' };
  assert.match(renderMessage('reading.high', p, 'tr'), 'Beklenen 97 m³', 'an expectation in whole m³');
  assert.match(renderMessage('reading.high', p, 'en'), 'Expected 97 m³');
  assert.match(renderMessage('reading.high', p, 'tr'), '211.667 m³');
  assert.equal(message('reading.high', p), { key: 'reading.high', params: p }, 'core hands out the key and params, no words');
});

test.run();
