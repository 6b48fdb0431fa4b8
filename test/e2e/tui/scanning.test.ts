/** Scanning from the list opens the meter's job already confirmed; the demo F9 prompt does the same. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loginAsReader, startTui } from './tuiFixture.js';

test('a scan on the list opens that job with the meter confirmed', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    f.rig.scan('M10000007');
    const s = await f.term.waitFor('Okuma J-00007');
    await f.term.waitFor('Sayaç doğrulandı');
    assert.match(s, 'M10000007');
    assert.equal(f.rig.scans().at(-1), { jobId: 'J-00007', match: true });
  } finally {
    await f.close();
  }
});

test('an unknown code on the list says so in a modal', async () => {
  const f = await startTui();
  try {
    await loginAsReader(f);
    f.rig.scan('XYZ-404');
    const s = await f.term.waitFor('hiçbir işte yok');
    assert.match(s, 'XYZ-404');
    await f.term.press('enter');
    await f.term.waitFor('Tüm işler');
  } finally {
    await f.close();
  }
});

test('demo mode: F9 opens the scan prompt, typed code + Enter is a scan', async () => {
  const f = await startTui({ appOptions: { demo: true } });
  try {
    await f.term.waitFor('DEMO');
    await loginAsReader(f);
    await f.term.press('f9');
    await f.term.waitFor('Okut: _');
    await f.term.type('M10000003');
    await f.term.waitFor('Okut: M10000003_');
    await f.term.press('enter');
    await f.term.waitFor('Okuma J-00003');
    await f.term.waitFor('Sayaç doğrulandı');
    // F2 on the reading screen opens the same prompt (keypad without F9).
    await f.term.press('f2');
    await f.term.waitFor('Okut: _');
    await f.term.press('esc');
    await f.term.waitFor((s) => !s.includes('Okut: _'));
  } finally {
    await f.close();
  }
});

test.run();
