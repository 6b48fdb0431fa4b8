import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeByte, encodeText, printable } from '../../../src/core/escpos/codePages.js';
import { transliterate } from '../../../src/core/escpos/transliterate.js';

test('PC857 bytes for Turkish letters match the checked iconv output (docs/implementation-notes.md §1)', () => {
  assert.equal([...encodeText('ŞşĞğİıÇçÖöÜü', 'pc857')], [0x9e, 0x9f, 0xa6, 0xa7, 0x98, 0x8d, 0x80, 0x87, 0x99, 0x94, 0x9a, 0x81]);
});

test('Windows-1254 bytes for Turkish letters', () => {
  assert.equal([...encodeText('ŞşĞğİı', 'wpc1254')], [0xde, 0xfe, 0xd0, 0xf0, 0xdd, 0xfd]);
});

test('every Turkish letter survives a round trip in PC857 and WPC1254', () => {
  for (const enc of ['pc857', 'wpc1254'] as const) assert.is(printable('çÇğĞıIiİöÖşŞüÜ m³', enc), 'çÇğĞıIiİöÖşŞüÜ m³');
});

test('a character the page lacks is transliterated, never switched to another page', () => {
  assert.is(printable('€ 5', 'pc857'), 'EUR 5');
  assert.equal([...encodeText('€', 'pc857')], [0x45, 0x55, 0x52]);
});

test('ASCII profile: Turkish letters lose only their marks', () => {
  assert.is(printable('Şükrü Işık İğdır çöp 5 m³', 'ascii'), 'Sukru Isik Igdir cop 5 m3');
  assert.is(transliterate('Ağrı Dağı'), 'Agri Dagi');
});

test('control characters in customer data never reach the printer', () => {
  assert.equal([...encodeText('A\x1b@B\x1d', 'pc857')], [0x41, 0x40, 0x42]);
});

test('PC437 shows what an un-switched printer would print instead of ş', () => {
  assert.is(decodeByte(0x9f, 'pc437'), 'ƒ');
});

test.run();
