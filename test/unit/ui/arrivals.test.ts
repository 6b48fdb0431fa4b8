/**
 * Issue 19: "22 yeni iş geldi" when 36 arrived. The app announces each stored job (urgent ones as
 * urgent-job); the list's flash adds them all up, across the urgent ones and while nobody is
 * logged in, until the crew presses a key.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Router } from '../../../src/adapters/ui/Router.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import type { InputKey } from '../../../src/core/input/InputEvent.js';
import { READER, TestApp } from '../../helpers/testApp.js';

const SIZE = { cols: 40, rows: 15 };
const rigs: TestApp[] = [];
test.after.each(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function setup() {
  const rig = await TestApp.create({ count: 3 });
  rigs.push(rig);
  const router = new Router({ app: rig.app, t: translator('tr'), paint: () => undefined, size: () => SIZE, tickMs: 0 });
  router.start();
  const screen = () => router.text(SIZE).join('\n');
  const key = (k: InputKey, value?: string) => router.input({ type: 'key', key: k, ...(value ? { value } : {}), source: 'test', at: 0 });
  const type = (s: string) => [...s].forEach((c) => key(/\d/.test(c) ? 'digit' : 'char', c));
  const until = async (text: string) => {
    for (let i = 0; i < 400 && !screen().includes(text); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(screen(), text);
    return screen();
  };
  const login = async () => {
    type(READER.operatorId);
    key('enter');
    type(READER.pin);
    key('enter');
    await until('İşler');
  };
  return { rig, router, screen, key, until, login };
}

/** 36 jobs as the demo route sends them: job 14 urgent (a reconnection). */
function route(app: TestApp['app']): void {
  const jobId = app.jobs()[0]!.job.jobId;
  for (let i = 1; i <= 36; i++) app.notify(i === 14 ? { kind: 'urgent-job', jobId } : { kind: 'jobs-arrived', count: 1 });
}

test('a route arriving at the login screen: 36 announced after the login, not the last batch', async () => {
  const s = await setup();
  route(s.rig.app);
  await s.login();
  await s.until('ACİL İŞ GELDİ'); // the urgent job still has its modal, over the list
  s.key('enter');
  assert.match(await s.until('yeni iş geldi'), '36 yeni iş geldi');
});

test('while logged in: arrivals add up until a key is pressed, then count afresh', async () => {
  const s = await setup();
  await s.login();
  route(s.rig.app);
  await s.until('ACİL İŞ GELDİ');
  s.key('enter');
  assert.match(await s.until('yeni iş geldi'), '36 yeni iş geldi');
  s.key('down'); // a key on the list clears the flash
  assert.not.match(s.screen(), 'yeni iş geldi');
  s.rig.app.notify({ kind: 'jobs-arrived', count: 1 });
  s.rig.app.notify({ kind: 'jobs-arrived', count: 1 });
  assert.match(await s.until('yeni iş geldi'), '2 yeni iş geldi');
});

test.run();
