import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkClock, type CommandRunner } from '../../../src/doctor/checks/checkClock.js';
import { formatResult } from '../../../src/doctor/CheckResult.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const none: CommandRunner = () => undefined;
const win = { notBefore: Date.parse('2026-01-01T00:00:00Z'), notAfter: Date.parse('2027-01-01T00:00:00Z') };
const runs =
  (outputs: Record<string, string>): CommandRunner =>
  (cmd) =>
    cmd in outputs ? { status: 0, stdout: outputs[cmd]! } : undefined;

test('a clock reset to 2000 after a flat battery is a problem with the command to fix it', () => {
  const r = checkClock({ now: () => Date.parse('2000-01-01T00:00:00Z'), run: none });
  assert.not.ok(r.ok);
  assert.match(r.detail, 'before this software was released');
  assert.match(r.fix, 'timedatectl set-ntp true');
});

test('outside the broker certificate window: TLS will fail, problem', () => {
  const r = checkClock({ now: () => Date.parse('2027-03-01T00:00:00Z'), run: none, certWindow: win });
  assert.not.ok(r.ok);
  assert.match(r.detail, 'TLS will fail');
});

test('within the window and NTP synchronised: ok, naming both sources', () => {
  const r = checkClock({ now: () => NOW, run: runs({ timedatectl: 'yes\n' }), certWindow: win });
  assert.ok(r.ok);
  assert.not.ok(r.warn);
  assert.match(r.detail, 'within the broker certificate validity');
  assert.match(r.detail, 'NTP synchronised: yes');
});

test('timesyncd says not synchronised: a warning (the clock may still be right), with the fix', () => {
  const r = checkClock({ now: () => NOW, run: runs({ timedatectl: 'no\n' }), certWindow: win });
  assert.ok(r.ok);
  assert.ok(r.warn);
  assert.match(r.fix, 'set-ntp true');
  assert.match(formatResult(r), /^warn\s+clock\s/);
});

test('chrony two minutes off NTP time: problem, chronyc makestep', () => {
  const r = checkClock({
    now: () => NOW,
    run: runs({
      chronyc: 'Reference ID    : C0A80001\nSystem time     : 121.500000000 seconds slow of NTP time\nLeap status     : Normal\n',
    }),
  });
  assert.not.ok(r.ok);
  assert.match(r.detail, '122 s slow');
  assert.match(r.fix, 'chronyc makestep');
});

test('no NTP tooling and no TLS broker: a warning, not silence', () => {
  const r = checkClock({ now: () => NOW, run: none });
  assert.ok(r.ok && r.warn);
  assert.match(r.detail, 'no NTP status');
});

test('result lines: status, name, detail and the fix on one line', () => {
  assert.is(
    formatResult({ name: 'printer', ok: false, detail: '/dev/x does not exist', fix: 'plug it in' }),
    'PROBLEM printer     /dev/x does not exist — fix: plug it in',
  );
  assert.is(formatResult({ name: 'acl', ok: true, detail: 'fine', fix: '' }), 'ok      acl         fine');
});

test.run();
