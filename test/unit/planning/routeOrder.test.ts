/** Route order: grouped by area, then street and door number, or a nearest-neighbour walk with coordinates. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAddress } from '../../../src/core/planning/address.js';
import { metres, orderStops } from '../../../src/core/planning/routeOrder.js';

test('parseAddress reads neighbourhood, street, building and numbers', () => {
  const a = parseAddress('Hoşnudiye Mah. İsmet İnönü Cad. No: 12/4, Tepebaşı / Eskişehir');
  assert.is(a.area, 'Hoşnudiye Mah.');
  assert.is(a.street, 'İsmet İnönü Cad.');
  assert.equal(a.numbers, [12, 4]);
  assert.is(parseAddress('Hoşnudiye Mah. İsmet İnönü Cad. No: 12/9, Tepebaşı / Eskişehir').building, a.building);
  assert.equal(parseAddress('Vişnelik Mah. Şair Fuzuli Cad. No:7 D:3 Odunpazarı/Eskişehir').numbers, [7, 3]);
});

test('areas in order, then street, then door number (12 before 100)', () => {
  const stops = [
    { address: 'Vişnelik Mah. A Cad. No: 3, Odunpazarı / Eskişehir' },
    { address: 'Arifiye Mah. B Sok. No: 100, Odunpazarı / Eskişehir' },
    { address: 'Arifiye Mah. B Sok. No: 12/2, Odunpazarı / Eskişehir' },
    { address: 'Arifiye Mah. A Cad. No: 40, Odunpazarı / Eskişehir' },
  ];
  assert.equal(
    orderStops(stops).map((s) => s.address.split(',')[0]),
    ['Arifiye Mah. A Cad. No: 40', 'Arifiye Mah. B Sok. No: 12/2', 'Arifiye Mah. B Sok. No: 100', 'Vişnelik Mah. A Cad. No: 3'],
  );
});

test('with coordinates on every stop of an area, a walk from the first stop to the nearest next', () => {
  const at = (n: number, lat: number) => ({ address: `Arifiye Mah. A Cad. No: ${n}`, lat, lon: 30.5 });
  // Address order would be 1, 2, 3; on the ground 3 lies between 1 and 2.
  const walked = orderStops([at(1, 39.77), at(2, 39.79), at(3, 39.775)]).map((s) => s.address.slice(-1));
  assert.equal(walked, ['1', '3', '2']);
  assert.ok(Math.abs(metres({ address: '', lat: 39, lon: 30 }, { address: '', lat: 39.001, lon: 30 }) - 111.2) < 1);
});

test.run();
