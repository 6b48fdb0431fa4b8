import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StartingApp } from '../../../src/app/StartingApp.js';
import type { AppServices, StatusSnapshot } from '../../../src/app/AppServices.js';

function realApp(log: string[]): AppServices {
  const statusFns: ((s: StatusSnapshot) => void)[] = [];
  return {
    deviceId: 'HT-1',
    demo: true,
    sessionTimeoutMs: 5,
    login: async (id: string) => {
      log.push(`login ${id}`);
      return { operatorId: id, name: 'X', role: 'reader' };
    },
    status: () => ({
      link: 'online',
      outboxDepth: 3,
      oldestPendingAt: null,
      printer: 'ready',
      scanner: 'none',
      operatorId: null,
      busy: null,
    }),
    onStatus: (fn: (s: StatusSnapshot) => void) => {
      statusFns.push(fn);
      return () => undefined;
    },
    onNotice: () => () => undefined,
    onInput: () => () => undefined,
    jobs: () => [],
  } as unknown as AppServices;
}

test('before ready: the login screen works, a login typed early waits for the real app', async () => {
  const s = new StartingApp({ deviceId: 'HT-1', demo: true });
  assert.is(s.app.status().link, 'connecting');
  assert.is(s.app.session(), null);
  const seen: StatusSnapshot[] = [];
  s.app.onStatus((st) => seen.push(st));
  const log: string[] = [];
  const pending = s.app.login('1001', '1234');
  assert.throws(() => s.app.jobs(), /still starting/);
  s.ready(realApp(log));
  assert.is((await pending).operatorId, '1001');
  assert.equal(log, ['login 1001']);
  assert.is(seen[0]?.link, 'online', 'early subscribers get the real status at once');
  assert.is(s.app.sessionTimeoutMs, 5);
  assert.equal(s.app.jobs(), []);
});

test('a start-up failure makes a waiting login fail with it', async () => {
  const s = new StartingApp({ deviceId: 'HT-1', demo: false });
  const pending = s.app.login('1001', '1234');
  s.failed(new Error('store corrupt'));
  try {
    await pending;
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, 'store corrupt');
  }
});

test.run();
