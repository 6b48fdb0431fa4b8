/** Operators: hashed PINs, login with lockout, supervisor checks, logout guarded by unsent records. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAppError, type AppError } from '../../../src/core/errors/AppError.js';
import type { AuditEntry } from '../../../src/core/audit/hashChain.js';
import { hashPin, OperatorService, verifyPin, type ScryptParams } from '../../../src/app/OperatorService.js';
import { memoryTarget } from '../../helpers/storeTargets.js';
import { rejects } from '../../helpers/rejects.js';

// Cheap parameters keep the suite fast; the format and the check are the same.
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };

async function setup() {
  let now = Date.UTC(2026, 10, 25, 7, 0, 0);
  const store = await memoryTarget().open({ clock: () => now });
  const ops = new OperatorService({ store, clock: () => now });
  await ops.upsert({ operatorId: '1001', name: 'Ali Kaya', role: 'reader', pinHash: await hashPin('2468', FAST) });
  await ops.upsert({ operatorId: '9001', name: 'Şef Deniz', role: 'supervisor', pinHash: await hashPin('1357', FAST) });
  const audit = () => [...store.values('audit')].map((a) => a.action);
  return { store, ops, audit, advance: (ms: number) => (now += ms), now: () => now };
}

test('hashPin is salted, carries its parameters and verifies only the right PIN', async () => {
  const a = await hashPin('0000', FAST);
  const b = await hashPin('0000', FAST);
  assert.is.not(a, b);
  assert.match(a, /^scrypt\$1024\$8\$1\$/);
  assert.ok(await verifyPin('0000', a));
  assert.not.ok(await verifyPin('0001', a));
  assert.not.ok(await verifyPin('0000', 'plain-text'));
});

test('a reader logs in with the right PIN; the session and the audit say so', async () => {
  const { ops, audit } = await setup();
  const s = await ops.login('1001', '2468');
  assert.equal(s, { operatorId: '1001', name: 'Ali Kaya', role: 'reader' });
  assert.equal(ops.session(), s);
  assert.ok(audit().includes('auth.login'));
});

test('a wrong PIN and an unknown id fail the same way', async () => {
  const { ops } = await setup();
  const e1 = (await rejects(ops.login('1001', '1111'), (e) => isAppError(e, 'Auth_Failed'))) as AppError;
  const e2 = (await rejects(ops.login('7777', '2468'), (e) => isAppError(e, 'Auth_Failed'))) as AppError;
  assert.is(e1.message, e2.message);
  assert.is(ops.session(), null);
});

test('five failures lock the id for 30 s, then 60 s after the next five; success resets', async () => {
  const { ops, audit, advance } = await setup();
  for (let i = 0; i < 4; i++) await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Failed'));
  const e = (await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Locked'))) as AppError;
  assert.is(e.context.retryInMs, 30_000);
  assert.ok(audit().includes('auth.lockout'));
  // While locked even the right PIN is refused and not checked.
  await rejects(ops.login('1001', '2468'), (e) => isAppError(e, 'Auth_Locked'));
  assert.is(ops.lockedFor('1001'), 30_000);
  advance(30_000);
  for (let i = 0; i < 4; i++) await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Failed'));
  const e2 = (await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Locked'))) as AppError;
  assert.is(e2.context.retryInMs, 60_000, 'the delay doubles');
  advance(60_000);
  await ops.login('1001', '2468');
  assert.is(ops.lockedFor('1001'), 0);
  await ops.logout({ unsent: 0 });
  for (let i = 0; i < 4; i++) await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Failed'));
  const e3 = (await rejects(ops.login('1001', '0000'), (e) => isAppError(e, 'Auth_Locked'))) as AppError;
  assert.is(e3.context.retryInMs, 30_000, 'a success starts the doubling afresh');
});

test('a lockout survives a restart of the service (state is in the store)', async () => {
  const { store, ops, now } = await setup();
  for (let i = 0; i < 5; i++) await rejects(ops.login('1001', '0000'));
  const again = new OperatorService({ store, clock: now });
  await rejects(again.login('1001', '2468'), (e) => isAppError(e, 'Auth_Locked'));
});

test('only a supervisor passes verifySupervisor', async () => {
  const { ops } = await setup();
  assert.is((await ops.verifySupervisor('9001', '1357')).role, 'supervisor');
  const e = (await rejects(ops.verifySupervisor('1001', '2468'), (e) => isAppError(e, 'Auth_Failed'))) as AppError;
  assert.is(e.context.reason, 'not-supervisor');
});

test('logout with unsent records needs a supervisor PIN; every step is audited', async () => {
  const { ops, audit } = await setup();
  await ops.login('1001', '2468');
  const e = (await rejects(ops.logout({ unsent: 3 }), (e) => isAppError(e, 'Auth_Failed'))) as AppError;
  assert.is(e.context.reason, 'unsent');
  assert.ok(ops.session(), 'still logged in');
  await rejects(ops.logout({ unsent: 3, supervisor: { operatorId: '9001', pin: '0000' } }), (e) => isAppError(e, 'Auth_Failed'));
  await ops.logout({ unsent: 3, supervisor: { operatorId: '9001', pin: '1357' } });
  assert.is(ops.session(), null);
  const a = audit();
  for (const action of ['auth.login', 'auth.logout-refused', 'auth.failed', 'auth.supervisor', 'auth.logout'])
    assert.ok(a.includes(action), action);
});

test.run();
