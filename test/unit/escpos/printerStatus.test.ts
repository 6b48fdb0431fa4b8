import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { interpretStatus, statusReplyFor } from '../../../src/core/escpos/printerStatus.js';

test('all-OK replies (0x12) mean ready', () => {
  assert.is(interpretStatus({ printer: 0x12, offline: 0x12, paper: 0x12 }).status, 'ready');
});
test('DLE EOT 4 paper-not-present bits mean paper-out', () => {
  assert.is(interpretStatus({ printer: 0x1a, offline: 0x32, paper: 0x72 }).status, 'paper-out');
});
test('DLE EOT 2 cover bit means cover-open', () => {
  assert.is(interpretStatus({ printer: 0x1a, offline: 0x16, paper: 0x12 }).status, 'cover-open');
});
test('paper near end is ready with a flag', () => {
  const r = interpretStatus({ printer: 0x12, offline: 0x12, paper: 0x1e });
  assert.equal([r.status, r.paperNearEnd], ['ready', true]);
});
test('no reply is offline, a partial reply is not trusted', () => {
  assert.is(interpretStatus({}).status, 'offline');
  assert.is(interpretStatus({ printer: 0x12 }).status, 'offline');
  assert.is(interpretStatus({ printer: 0x1a, offline: 0x12, paper: 0x12 }).status, 'offline');
});
test("the virtual printer's replies read back as its state", () => {
  for (const st of [
    { paperOut: true, coverOpen: false },
    { paperOut: false, coverOpen: true },
    { paperOut: false, coverOpen: false },
  ]) {
    const r = interpretStatus({ printer: statusReplyFor(1, st), offline: statusReplyFor(2, st), paper: statusReplyFor(4, st) });
    assert.is(r.status, st.paperOut ? 'paper-out' : st.coverOpen ? 'cover-open' : 'ready');
  }
});
test.run();
