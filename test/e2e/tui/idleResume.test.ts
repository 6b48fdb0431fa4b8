/**
 * Issue 19: the idle lock keeps the work. The same operator logging in again gets the open screen
 * back with what was typed; another operator starts at the job list, and the draft is recorded as
 * abandoned in the audit log.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { READER, SUPERVISOR } from '../../helpers/testApp.js';
import { loginAsReader, scanOpenJob, startTui, type TuiFixture } from './tuiFixture.js';

const SHOW = process.env.SAHA_SHOW_SCREENS === '1';
const show = (s: string) => SHOW && console.log(`${s}\n${'='.repeat(40)}`);

/** Opens the first job, types `digits` in the index field, then leaves the handheld alone. */
async function typeThenIdle(f: TuiFixture, digits: string): Promise<string> {
  await loginAsReader(f);
  await f.term.press('enter');
  await f.term.waitFor(/Endeks: _/);
  // The scan is a gate (issue 19): the kept draft includes the verified meter.
  await scanOpenJob(f);
  await f.term.type(digits);
  const typed = await f.term.waitFor(`Endeks: ${digits}_`);
  f.rig.clock.advance(11 * 60_000);
  const locked = await f.term.waitFor('OTURUM KİLİTLENDİ');
  show(locked);
  assert.match(locked.replace(/\s+/g, ' '), 'yazdıklarınız da saklı');
  assert.is(f.app.session(), null);
  await f.term.press('enter');
  await f.term.waitFor(/Kullanıcı/);
  return typed;
}

async function login(f: TuiFixture, who: { operatorId: string; pin: string }): Promise<void> {
  await f.term.type(who.operatorId);
  await f.term.press('enter');
  await f.term.type(who.pin);
  await f.term.press('enter');
}

const audit = (f: TuiFixture) => [...f.rig.store.values('audit')];

test('same operator after the idle lock: the reading screen comes back with the typed digits, and goes on', async () => {
  const f = await startTui({ tickMs: 20, appOptions: { sessionTimeoutMin: 10 } });
  try {
    const before = await typeThenIdle(f, '111');
    const jobTitle = before.split('\n')[2];
    await login(f, READER);
    const back = await f.term.waitFor('Endeks: 111_');
    show(back);
    assert.is(back.split('\n')[2], jobTitle, 'the same job');
    // Typing goes on where it stopped, and the reading is saved as usual.
    await f.term.type('2');
    await f.term.press('enter');
    await f.term.waitFor('Fatura önizleme');
    await f.term.press('enter');
    await f.term.waitFor('Kaydedildi');
    const work = [...f.rig.store.values('work')].find((w) => w.kind === 'reading');
    assert.is((work as { index: number } | undefined)?.index, 1112);
    const locked = audit(f).find((a) => a.action === 'auth.session-locked');
    assert.equal(
      (locked?.details as { drafts: Array<{ screen: string }> }).drafts.map((d) => d.screen),
      ['reading'],
    );
    assert.not.ok(audit(f).some((a) => a.action === 'session.draft-abandoned'));
  } finally {
    await f.close();
  }
});

test('another operator after the idle lock: a clean job list, the draft recorded as abandoned', async () => {
  const f = await startTui({ tickMs: 20, appOptions: { sessionTimeoutMin: 10 } });
  try {
    await typeThenIdle(f, '111');
    const jobId = f.app.jobs()[0]!.job.jobId;
    await login(f, SUPERVISOR);
    const list = await f.term.waitFor('İşler');
    show(list);
    assert.not.match(list, 'Endeks');
    assert.is(f.app.session()?.operatorId, SUPERVISOR.operatorId);
    let abandoned;
    for (let i = 0; i < 200 && !abandoned; i++) {
      abandoned = audit(f).find((a) => a.action === 'session.draft-abandoned');
      if (!abandoned) await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(abandoned, 'recorded in the audit log');
    assert.is(abandoned.actor, SUPERVISOR.operatorId);
    assert.equal(abandoned.details, { owner: READER.operatorId, drafts: [{ screen: 'reading', jobId }] });
    assert.not.match(JSON.stringify(abandoned.details), '111', 'never the typed value');
    // The job is still open for whoever reads it next.
    await f.term.press('enter');
    await f.term.waitFor(/Endeks: _/);
    assert.is(f.app.job(jobId)!.state, 'open');
  } finally {
    await f.close();
  }
});

test('a lock at the job list keeps nothing to abandon: the next login starts at the list, nothing recorded', async () => {
  const f = await startTui({ tickMs: 20, appOptions: { sessionTimeoutMin: 10 } });
  try {
    await loginAsReader(f);
    f.rig.clock.advance(11 * 60_000);
    const locked = await f.term.waitFor('OTURUM KİLİTLENDİ');
    assert.not.match(locked, 'yazdıklarınız');
    await f.term.press('enter');
    await f.term.waitFor(/Kullanıcı/);
    await login(f, SUPERVISOR);
    await f.term.waitFor('İşler');
    await new Promise((r) => setTimeout(r, 50));
    assert.not.ok(audit(f).some((a) => a.action === 'session.draft-abandoned'));
  } finally {
    await f.close();
  }
});

test.run();
