import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TerminalKeyInput, type ScanPrompt } from '../../../src/adapters/ui/terminal/TerminalKeyInput.js';
import type { InputEvent } from '../../../src/core/input/InputEvent.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { FakeKeypressEmitter } from './FakeKeypressEmitter.js';

function setup(opts: ConstructorParameters<typeof TerminalKeyInput>[1] = {}) {
  const clock = new ManualClock(0);
  const program = new FakeKeypressEmitter();
  const input = new TerminalKeyInput(program, { clock, ...opts });
  const events: InputEvent[] = [];
  const prompts: ScanPrompt[] = [];
  input.on('input', (e) => events.push(e)).on('scanPrompt', (p) => prompts.push(p));
  const brief = () => events.map((e) => (e.type === 'scan' ? `scan:${e.code}` : (e.value ?? e.key)));
  return { clock, program, input, events, prompts, brief };
}

test('blessed keys map to the handheld keys; Enter is counted once although blessed sends it twice', async () => {
  const s = setup({ scanDetection: false });
  await s.input.start();
  s.program.typeText('7\r');
  for (const n of ['escape', 'backspace', 'delete', 'f1', 'f4', 'up', 'down', 'left', 'right', 'linefeed']) s.program.named(n);
  assert.equal(s.brief(), ['7', 'enter', 'back', 'clear', 'clear', 'f1', 'f4', 'up', 'down', 'left', 'right', 'enter']);
});

test('letters keep their case, space is a char, F5–F12 and Ctrl chords do not reach the UI', async () => {
  const s = setup({ scanDetection: false });
  await s.input.start();
  s.program.typeText('aB ');
  s.program.named('f7');
  s.program.key('\u0003', { name: 'c', ctrl: true, full: 'C-c' });
  assert.equal(s.brief(), ['a', 'B', ' ']);
});

test('a wedge scanner typing into the terminal (one stdin read) becomes one scan', async () => {
  const s = setup();
  await s.input.start();
  s.program.typeText('SAYAC-123456\r');
  assert.equal(s.brief(), ['scan:SAYAC-123456']);
});

test('a person typing 1, 2, Enter gets keys, each ~40 ms late', async () => {
  const s = setup();
  await s.input.start();
  s.program.typeText('1');
  assert.equal(s.brief(), [], 'held back while it might be a scan');
  s.clock.advanceBy(41);
  assert.equal(s.brief(), ['1']);
  s.clock.advanceBy(200);
  s.program.typeText('2');
  s.clock.advanceBy(200);
  s.program.typeText('\r');
  assert.equal(s.brief(), ['1', '2', 'enter']);
});

test('demo: F9 opens the scan prompt; typed text and Enter become a scan, not keys', async () => {
  const s = setup({ demoScanKey: 'f9' });
  await s.input.start();
  s.program.named('f9');
  assert.ok(s.input.promptOpen);
  s.program.typeText('SAYAC-1X');
  s.program.named('backspace');
  s.program.typeText('2\r');
  assert.equal(s.brief(), ['scan:SAYAC-12']);
  assert.equal(s.prompts[0], { open: true, text: '' });
  assert.equal(s.prompts.at(-2), { open: true, text: 'SAYAC-12' });
  assert.equal(s.prompts.at(-1), { open: false, text: '' });
  assert.is(s.events[0]?.source, 'terminal');
});

test('demo: Esc cancels the prompt without a scan; promptScan() opens it from the UI', async () => {
  const s = setup({ demoScanKey: 'f9' });
  await s.input.start();
  s.input.promptScan();
  s.program.typeText('123');
  s.program.named('escape');
  assert.equal(s.brief(), []);
  assert.not.ok(s.input.promptOpen);
});

test("demo: with a FakeScanner as scanTarget the prompted code arrives as that scanner's scan", async () => {
  const { FakeScanner } = await import('../../../src/adapters/hid/FakeScanner.js');
  const clock = new ManualClock(0);
  const scanner = new FakeScanner('demo-scanner', clock);
  const got: InputEvent[] = [];
  scanner.on('input', (e) => got.push(e));
  await scanner.start();
  const s = setup({ demoScanKey: 'f9', scanTarget: scanner });
  await s.input.start();
  s.program.named('f9');
  s.program.typeText('SAYAC-7\r');
  assert.equal(s.brief(), []);
  assert.equal(
    got.map((e) => e.type === 'scan' && `${e.source}:${e.code}`),
    ['demo-scanner:SAYAC-7'],
  );
});

test('without demo mode F9 is just an unused key', async () => {
  const s = setup();
  await s.input.start();
  s.program.named('f9');
  assert.equal(s.prompts, []);
});

test('status: keyboard present from start; stop() detaches from blessed and clears timers', async () => {
  const s = setup();
  assert.is(s.input.status().state, 'missing');
  await s.input.start();
  assert.is(s.input.status().state, 'present');
  assert.is(s.input.status().role, 'keyboard');
  s.program.typeText('1');
  await s.input.stop();
  assert.is(s.program.listeners, 0);
  assert.is(s.clock.pendingTimers, 0);
  s.program.typeText('2\r');
  s.clock.advanceBy(1000);
  assert.equal(s.brief(), []);
});

test.run();
