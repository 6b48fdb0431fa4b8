import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isValidInputEvent } from '../../../src/core/input/InputEvent.js';
import { essentials, fixtureNames, loadFixture, runFixture } from './harness.js';

const names = fixtureNames();

test('the fixture set covers the recorded sessions the issue asks for', () => {
  for (const n of [
    'scanner-wedge-burst',
    'keypad-held-key',
    'keypad-two-keys',
    'keypad-numbered-report',
    'keypad-garbage',
    'keypad-unplug-replug',
    'scanner-hid-pos',
  ]) {
    assert.ok(names.includes(n), `missing fixture ${n}`);
  }
});

for (const name of names) {
  const f = loadFixture(name);
  test(`${name}: ${f.description}`, async () => {
    const r = await runFixture(f);
    assert.equal(r.events.map(essentials), f.expect.events);
    assert.equal(
      r.statuses.map((s) => s.state),
      f.expect.presence,
    );
    for (const e of r.events) {
      assert.ok(isValidInputEvent(e), JSON.stringify(e));
      assert.is(e.source, f.profile.id);
    }
    await r.input.stop();
    assert.is(r.clock.pendingTimers, 0, 'stop() leaves no timer behind');
  });
}

test.run();
