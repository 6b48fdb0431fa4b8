/** A handheld left alone locks back to the login screen; the shift's records stay queued. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditEntry } from '../../../src/core/audit/hashChain.js';
import { loginAsReader, startTui } from './tuiFixture.js';

test('after the idle timeout the session is locked, the login screen says why, and it is audited', async () => {
  const f = await startTui({ tickMs: 20, appOptions: { sessionTimeoutMin: 10 } });
  try {
    await loginAsReader(f);
    f.rig.clock.advance(9 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(f.app.session(), 'still logged in before the timeout');
    await f.term.press('down'); // activity restarts the clock
    f.rig.clock.advance(9 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(f.app.session(), 'a key press counts as activity');
    f.rig.clock.advance(2 * 60_000);
    const screen = await f.term.waitFor('OTURUM KİLİTLENDİ');
    assert.match(screen, 'yeniden giriş');
    assert.is(f.app.session(), null);
    const audit = [...f.rig.store.values('audit')].map((a) => a.action);
    assert.ok(audit.includes('auth.session-locked'));
    await f.term.press('enter');
    await loginAsReader(f);
    assert.ok(f.app.session(), 'the crew logs in again and goes on');
  } finally {
    await f.close();
  }
});

test('timeout 0 never locks', async () => {
  const f = await startTui({ tickMs: 20 });
  try {
    await loginAsReader(f);
    f.rig.clock.advance(24 * 3600_000);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(f.app.session());
  } finally {
    await f.close();
  }
});

test.run();
