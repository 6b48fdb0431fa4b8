/** Login on the real blessed screen: masked PIN, wrong PIN, lockout with its countdown. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { READER } from '../../helpers/testApp.js';
import { loginAsReader, startTui } from './tuiFixture.js';

test('the login screen paints first; the PIN is masked; the right PIN opens the job list', async () => {
  const f = await startTui();
  try {
    await f.term.waitFor('Giriş');
    await f.term.type(READER.operatorId);
    await f.term.press('enter');
    await f.term.type(READER.pin);
    const s = await f.term.waitFor('****');
    assert.not.ok(s.includes(READER.pin), 'the PIN never shows');
    await f.term.press('enter');
    const list = await f.term.waitFor('İşler');
    assert.match(list, '0/20');
    assert.match(list, 'Ayşe Yılmaz'.slice(0, 4));
  } finally {
    await f.close();
  }
});

test('a wrong PIN says so; five lock the id and the wait is shown', async () => {
  const f = await startTui();
  try {
    await f.term.waitFor('Giriş');
    for (let i = 0; i < 4; i++) {
      if (i === 0) await f.term.type(READER.operatorId);
      await f.term.press('enter');
      await f.term.type('0000');
      await f.term.press('enter');
      await f.term.waitFor('hatalı');
      assert.is(f.app.session(), null);
      // Back to the id field: it is kept, only the PIN is cleared.
    }
    await f.term.press('enter');
    await f.term.type('0000');
    await f.term.press('enter');
    const s = await f.term.waitFor('30 sn');
    assert.match(s, 'fazla hatalı');
    await f.term.type(READER.pin);
    await f.term.press('enter');
    await f.term.waitFor('30 sn');
    assert.is(f.app.session(), null, 'locked: even the right PIN is refused');
  } finally {
    await f.close();
  }
});

test('a PIN sent as fast as a scanner (a burst ending in Enter) is refused in the PIN field, never shown or taken as a badge', async () => {
  const f = await startTui({ scanDetection: true });
  // By hand: a key every 100 ms, well apart from a scanner's (burst gap at most 40 ms).
  const byHand = async (keys: string) => {
    for (const k of keys) {
      await f.term.send(k);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  try {
    await f.term.waitFor('Giriş');
    await byHand(`${READER.operatorId}\r`);
    await f.term.waitFor('Şifre    : _');
    // One chunk: every key within the same instant, as a wedge scanner sends (issue 19: "PIN as a scan").
    const burst = `${READER.pin}${READER.pin}`;
    await f.term.send(`${burst}\r`);
    const s = await f.term.waitFor('çok hızlı');
    assert.not.ok(s.includes(burst), 'the burst never shows in clear');
    assert.is(f.app.session(), null);
    assert.match(s, `Kullanıcı: ${READER.operatorId}`, 'the operator id is kept');
    // Keyed by hand, the same PIN logs in.
    await byHand(`${READER.pin}\r`);
    await f.term.waitFor('İşler');
  } finally {
    await f.close();
  }
});

test('login works in English too', async () => {
  const f = await startTui({ locale: 'en' });
  try {
    await f.term.waitFor('Operator');
    await loginAsReader(f);
    const s = await f.term.waitFor('Jobs');
    assert.match(s, 'To do');
  } finally {
    await f.close();
  }
});

test('TERM=linux (the handheld console): Turkish letters and the list paint correctly', async () => {
  const f = await startTui({ terminal: 'linux' });
  try {
    await f.term.waitFor('Kullanıcı');
    await loginAsReader(f);
    const s = await f.term.waitFor('Bağlantı yok');
    assert.match(s, 'Şükrü Çelik');
    assert.match(s, 'Yazıcı hazır');
  } finally {
    await f.close();
  }
});

test.run();
