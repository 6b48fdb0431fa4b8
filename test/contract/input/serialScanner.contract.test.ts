// The InputSource contract (inputSourceContract.ts) over the real SerialScanner: serialport and
// ReadlineParser reading a socat pty pair, the test writing the scanner's side. Needs socat; on CI
// (CI=true) a missing socat is a failure, not a skip (test/helpers/serialPty.ts).
import { SerialScanner } from '../../../src/adapters/serialscanner/SerialScanner.js';
import { ManualClock } from '../../../src/core/input/ManualClock.js';
import { parseSerialScannerProfile } from '../../../src/core/input/parseSerialScannerProfile.js';
import { ScannerPty, whenSocat } from '../../helpers/serialPty.js';
import { waitFor } from '../../helpers/waitFor.js';
import { contract, passTime, type Target } from './inputSourceContract.js';

const ptys: ScannerPty[] = [];

function serialScanner(): Target {
  const clock = new ManualClock(0);
  const pty = new ScannerPty();
  ptys.push(pty);
  const profile = parseSerialScannerProfile({ kind: 'serial-scanner', id: 'scanner', path: pty.hostPath, delimiter: '\r\n' });
  let plugged = false;
  let stopped = false;
  let scans = 0;
  // The scanner is plugged in when the app starts; stop() is watched so that the contract's
  // "nothing after stop()" steps do not wait for an event that must not come.
  class Observed extends SerialScanner {
    override async start(): Promise<void> {
      if (!plugged) ((plugged = true), await pty.plug());
      return super.start();
    }
    override async stop(): Promise<void> {
      stopped = true;
      return super.stop();
    }
  }
  const source = new Observed(profile, { clock, backoff: { initialMs: 100, maxMs: 1000 }, random: () => 0.5 });
  source.on('input', () => void scans++);
  return {
    source,
    clock,
    present: true,
    scan: async (code) => {
      if (!plugged) return;
      const before = scans;
      await pty.write(`${code}\r\n`);
      if (!stopped) await waitFor(() => scans > before, `scan ${code} delivered`);
    },
    unplug: async () => {
      await pty.unplug();
      // Real time for serialport to see the hang-up; clock time for the path check (SerialScanner.watch).
      if (!stopped) await waitFor(async () => (await passTime(clock, 1000), source.status().state === 'missing'), 'missing after unplug');
    },
    replug: async () => {
      await pty.plug();
      // The reopen timer runs on the manual clock; the open itself is real I/O.
      await waitFor(async () => (await passTime(clock, 1000), source.status().state === 'present'), 'present after replug');
    },
  };
}

whenSocat('SerialScanner contract over a socat pty', () =>
  contract('SerialScanner over a socat pty', serialScanner, async () => {
    for (const p of ptys.splice(0)) await p.dispose();
  }),
);
