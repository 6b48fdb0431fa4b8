/** One suite, two targets: the file store and the in-memory fake must behave the same. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyChain, type AuditEntry } from '../../../src/core/audit/hashChain.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import type { OutboxEntry } from '../../../src/ports/Store.js';
import { rejects } from '../../helpers/rejects.js';
import { fileTarget, memoryTarget, type StoreTarget } from '../../helpers/storeTargets.js';
import { untyped } from '../../helpers/untypedTx.js';

for (const make of [fileTarget, memoryTarget]) {
  const t: StoreTarget = make();
  const s = suite(`store contract (${t.name})`);
  s.after(() => t.cleanup());

  s('a transaction is all or nothing, and survives a restart', async () => {
    const st = await t.open();
    await st.transact((tx) => {
      untyped(tx).put('jobs', 'J-1', { job: { jobId: 'J-1', dueDate: '2026-11-25' }, state: 'open' });
      untyped(tx).put('work', 'W-1', { id: 'W-1', at: '2026-11-25T10:00:00.000+03:00' });
    });
    await rejects(
      st.transact((tx) => {
        untyped(tx).put('jobs', 'J-2', { job: { jobId: 'J-2', dueDate: '2026-11-25' } });
        throw new Error('crew pressed Back');
      }),
    );
    await st.close();
    const again = await t.open();
    assert.ok(again.get('jobs', 'J-1'));
    assert.ok(again.get('work', 'W-1'));
    assert.is(again.get('jobs', 'J-2'), undefined);
    await again.close();
  });

  s('counters and event seq never repeat across restarts and checkpoints', async () => {
    const seen = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const st = await t.open();
      for (let i = 0; i < 5; i++) {
        const seq = await st.transact((tx) => tx.event({ type: 'job.accepted', operatorId: 'op-1', data: { jobId: 'J', version: 1 } }).seq);
        assert.not.ok(seen.has(seq), `seq ${seq} reused`);
        seen.add(seq);
      }
      if (round === 1) await st.checkpoint();
      await st.close();
    }
    assert.equal(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  s('events are queued in the outbox in seq order with unique ids and the contract topic', async () => {
    const st = await t.open();
    const entries = [...st.values('outbox')];
    assert.ok(entries.length >= 15);
    const seqs = entries.map((e) => e.seq);
    assert.equal(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    assert.is(new Set(entries.map((e) => e.envelope.eventId)).size, entries.length);
    assert.is(entries[0]!.topic, 'saha/v1/devices/HT-0042/events/job.accepted');
    assert.match(entries[0]!.envelope.occurredAt, /\+03:00$/);
    await st.transact(
      (tx) => {
        for (const e of entries) tx.del('outbox', String(e.seq).padStart(12, '0'));
      },
      { durable: false },
    );
    assert.is(st.size('outbox'), 0);
    await st.close();
    const again = await t.open();
    assert.is(again.size('outbox'), 0, 'a non-durable ack is made durable by close');
    await again.close();
  });

  s('the audit log is a hash chain that reveals edits', async () => {
    const st = await t.open();
    for (let i = 0; i < 4; i++) await st.transact((tx) => void tx.audit({ actor: 'op-1', action: 'login', details: { i } }));
    const log = [...st.values('audit')];
    assert.is(verifyChain(log), null);
    const forged = log.map((e) => (e.n === 2 ? { ...e, actor: 'op-9' } : e));
    assert.is(verifyChain(forged), 2);
    const dropped = log.filter((e) => e.n !== 3);
    assert.is(verifyChain(dropped), 4);
    await st.close();
  });

  s('a value that changes partition (job moved to another day) exists once after checkpoint and restart', async () => {
    const st = await t.open();
    await st.transact((tx) => untyped(tx).put('jobs', 'J-9', { job: { jobId: 'J-9', dueDate: '2026-11-25' }, v: 1 }));
    await st.checkpoint();
    await st.transact((tx) => untyped(tx).put('jobs', 'J-9', { job: { jobId: 'J-9', dueDate: '2026-11-26' }, v: 2 }));
    await st.checkpoint();
    await st.close();
    const again = await t.open();
    assert.equal(again.get('jobs', 'J-9'), { job: { jobId: 'J-9', dueDate: '2026-11-26' }, v: 2 });
    assert.is([...again.values('jobs')].filter((j) => j.job.jobId === 'J-9').length, 1);
    await again.close();
  });

  s('deletes survive checkpoint and restart', async () => {
    const st = await t.open();
    await st.transact((tx) => tx.del('jobs', 'J-1'));
    await st.checkpoint();
    await st.close();
    const again = await t.open();
    assert.is(again.get('jobs', 'J-1'), undefined);
    await again.close();
  });

  s('a failed transaction function leaves the store usable and unchanged', async () => {
    const st = await t.open();
    const before = st.counter('x');
    await rejects(
      st.transact((tx) => {
        tx.next('x');
        throw new Error('boom');
      }),
    );
    assert.is(st.counter('x'), before);
    assert.is(await st.transact((tx) => tx.next('x')), before + 1);
    await st.close();
    await rejects(
      st.transact(() => 1),
      (e: unknown) => isAppError(e, 'Store_Closed'),
    );
  });

  s.run();
}

const mem = memoryTarget();
const m = suite('memory fake: a failing write changes nothing in memory');
m('failed append', async () => {
  const st = await mem.open();
  mem.backend.failNextAppend = true;
  await rejects(
    st.transact((tx) => untyped(tx).put('jobs', 'J-X', { job: { dueDate: '2026-11-25' } })),
    (e: unknown) => isAppError(e, 'Store_Io'),
  );
  assert.is(st.get('jobs', 'J-X'), undefined);
  await st.close();
});
m.run();
