// One behavioural suite for the InputSource port (src/ports/InputSource.ts), run against every
// implementation: HID keypad and HID-POS scanner on FakeHid, the terminal keyboard, FakeScanner,
// and the real node-hid when it loads on this machine (with no device attached: the parts of the
// contract that need no hardware). Capabilities a target lacks (a terminal cannot be unplugged)
// are skipped for it, not faked. The suite itself is in inputSourceContract.ts; SerialScanner runs
// it over a socat pty in serialScanner.contract.test.ts.
import { HidInput } from '../../../src/adapters/hid/HidInput.js';
import { FakeHid } from '../../../src/adapters/hid/FakeHid.js';
import { FakeHidDevice } from '../../../src/adapters/hid/FakeHidDevice.js';
import { FakeScanner } from '../../../src/adapters/hid/FakeScanner.js';
import { checkHid } from '../../../src/adapters/hid/checkHid.js';
import { settle } from '../../../src/adapters/hid/hidRecording.js';
import { TerminalKeyInput } from '../../../src/adapters/ui/terminal/TerminalKeyInput.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseInputProfile } from '../../../src/core/input/parseInputProfile.js';
import { FakeKeypressEmitter } from '../../unit/input/FakeKeypressEmitter.js';
import { contract, passTime, type Target } from './inputSourceContract.js';

const kbdReport = (mods: number, usage: number) => [mods, 0, usage, 0, 0, 0, 0, 0];
const RELEASE = [0, 0, 0, 0, 0, 0, 0, 0];
function usageOf(c: string): [number, number] {
  if (c >= 'A' && c <= 'Z') return [0x02, 0x04 + c.charCodeAt(0) - 65];
  if (c >= '1' && c <= '9') return [0, 0x1e + c.charCodeAt(0) - 49];
  if (c === '0') return [0, 0x27];
  if (c === '-') return [0, 0x2d];
  throw new Error(`test helper has no usage for ${c}`);
}

function hidKeypad(): Target {
  const clock = new ManualClock(0);
  const hid = new FakeHid();
  const profile = parseInputProfile({ id: 'keypad', role: 'keypad', match: { vendorId: 1, productId: 2 } });
  const dev = new FakeHidDevice({ vendorId: 1, productId: 2, interface: 0, path: '/dev/hidraw0' });
  hid.plug(dev);
  const typeFast = (text: string) => {
    for (const c of text) {
      const [m, u] = usageOf(c);
      dev.send(kbdReport(m, u));
      dev.send(RELEASE);
      clock.advanceBy(3);
    }
  };
  return {
    source: new HidInput(profile, { hid, clock }),
    clock,
    present: true,
    ioCount: () => hid.enumerations,
    pressDigit: async (d) => (typeFast(d), passTime(clock)),
    scan: async (code) => {
      typeFast(code);
      dev.send(kbdReport(0, 0x28));
      dev.send(RELEASE);
      await passTime(clock);
    },
    unplug: async () => (hid.unplug(dev), settle()),
    replug: async () => (hid.plug(dev), passTime(clock, 10_000)),
  };
}

function hidPosScanner(): Target {
  const clock = new ManualClock(0);
  const hid = new FakeHid();
  const profile = parseInputProfile({
    id: 'scanner',
    role: 'scanner',
    protocol: 'hid-pos',
    match: { vendorId: 3, productId: 4, usagePage: 0x8c },
  });
  const dev = new FakeHidDevice({ vendorId: 3, productId: 4, interface: 1, usagePage: 0x8c, path: '/dev/hidraw1' });
  hid.plug(dev);
  return {
    source: new HidInput(profile, { hid, clock }),
    clock,
    present: true,
    ioCount: () => hid.enumerations,
    scan: async (code) => {
      const b = new Array(64).fill(0);
      b[0] = 2;
      b[1] = code.length;
      [...Buffer.from(code)].forEach((x, i) => (b[5 + i] = x));
      dev.send(b);
      await passTime(clock);
    },
    unplug: async () => (hid.unplug(dev), settle()),
    replug: async () => (hid.plug(dev), passTime(clock, 10_000)),
  };
}

function terminal(): Target {
  const clock = new ManualClock(0);
  const program = new FakeKeypressEmitter();
  return {
    source: new TerminalKeyInput(program, { clock }),
    clock,
    present: true,
    pressDigit: async (d) => (program.typeText(d), passTime(clock)),
    scan: async (code) => (program.typeText(`${code}\r`), passTime(clock)),
  };
}

function fakeScanner(): Target {
  const clock = new ManualClock(0);
  const s = new FakeScanner('demo-scanner', clock);
  return {
    source: s,
    clock,
    present: true,
    scan: async (code) => void s.scan(code),
    unplug: async () => s.unplug(),
    replug: async () => s.plug(),
  };
}

function realNodeHidNoDevice(): Target {
  const clock = new ManualClock(0);
  // 0xfffe:0xfffe is not assigned to any vendor: nothing on this machine matches it.
  const profile = parseInputProfile({ id: 'absent', role: 'scanner', match: { vendorId: 0xfffe, productId: 0xfffe } });
  return { source: new HidInput(profile, { clock }), clock, present: false };
}

// Decided before any suite is queued: uvu starts running queued suites on its own timer.
const realHidLoads = (await checkHid()).ok;

contract('HID keypad on FakeHid', hidKeypad);
contract('HID-POS scanner on FakeHid', hidPosScanner);
contract('terminal keyboard (blessed keypress)', terminal);
contract('FakeScanner', fakeScanner);
if (realHidLoads) contract('real node-hid, no device attached', realNodeHidNoDevice);
else console.log('real node-hid target skipped: node-hid does not load here');
