/**
 * SerialPrinter without native code: serialport's own SerialPortStream + MockBinding (with a
 * VirtualPrinterDevice answering status queries), and small hand-made ports for the failure modes
 * MockBinding cannot stage (a drain that never ends, an open that fails).
 */
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MockBinding as MockBindingType, MockPortBinding } from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import { SerialPrinter, type PortLike, type PortOptions } from '../../../src/adapters/printer/SerialPrinter.js';
import { VirtualPrinterDevice } from '../../../src/adapters/printer/VirtualPrinterDevice.js';
import { parsePrinterProfile, type PrinterProfile } from '../../../src/core/escpos/printerProfile.js';
import { isAppError, type ErrorCode } from '../../../src/core/errors/AppError.js';

// binding-mock's ESM entry ships no types; its CJS entry does (and is the same code).
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as { MockBinding: typeof MockBindingType };
const PATH = '/dev/serial/by-id/usb-test-printer';

function profile(patch: Record<string, unknown> = {}): PrinterProfile {
  const r = parsePrinterProfile({
    id: 't',
    path: PATH,
    baudRate: 19200,
    flowControl: 'rtscts',
    columns: 32,
    encoding: 'pc857',
    codePageTable: 13,
    chunkSize: 64,
    ...patch,
  });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.profile;
}

async function rejectsWith(p: Promise<unknown>, code: ErrorCode) {
  try {
    await p;
  } catch (e) {
    assert.ok(isAppError(e, code), `expected ${code}, got ${String(e)}`);
    return;
  }
  assert.unreachable(`expected ${code}`);
}

/** SerialPortStream on MockBinding, with the device answering DLE EOT like a printer. */
function mockRig() {
  const device = new VirtualPrinterDevice();
  const ports: SerialPortStream[] = [];
  class MockPort extends SerialPortStream {
    constructor(opts: PortOptions) {
      super({ ...opts, binding: MockBinding });
      ports.push(this);
    }
    override open(cb?: (err: Error | null) => void): void {
      super.open((err) => {
        if (!err) {
          const b = this.port as MockPortBinding;
          const write = b.write.bind(b);
          b.write = async (buf: Buffer) => {
            // A held device does not take bytes: the write stays pending, like a full UART.
            while (!device.accepting) await new Promise((r) => device.once('accepting', r));
            await write(buf);
            const reply = device.write(buf);
            if (reply.length) setImmediate(() => b.emitData(reply));
          };
        }
        cb?.(err);
      });
    }
  }
  return { device, ports, Port: MockPort as unknown as new (o: PortOptions) => PortLike };
}

test.before.each(() => {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: true });
});

test('baud rate and flow control come from the profile', async () => {
  const rig = mockRig();
  const p = new SerialPrinter(profile(), { Port: rig.Port, pollIntervalMs: 0 });
  await p.open();
  const b = rig.ports[0]?.port as MockPortBinding;
  assert.is(b.openOptions.baudRate, 19200);
  assert.is(b.openOptions.rtscts, true);
  await p.close();
});

test('a job is sent whole, bracketed by status queries, and verified ready', async () => {
  const rig = mockRig();
  const p = new SerialPrinter(profile(), { Port: rig.Port, pollIntervalMs: 0 });
  await p.open();
  const job = Buffer.from('\x1b@Merhaba dünya\n'.repeat(20), 'latin1');
  const res = await p.print(job);
  assert.equal(res, { bytesSent: job.length, status: 'ready', verified: true });
  assert.ok(rig.device.received.equals(job));
  assert.equal(rig.device.queries, [1, 2, 4, 1, 2, 4, 1, 2, 4]); // on open, before, after
  await p.close();
});

test('no answer to DLE EOT: Printer_Offline, no job byte sent', async () => {
  const rig = mockRig();
  rig.device.set({ silent: true });
  const p = new SerialPrinter(profile(), { Port: rig.Port, pollIntervalMs: 0, statusTimeoutMs: 20 });
  await p.open();
  await rejectsWith(p.print(Buffer.from('x\n')), 'Printer_Offline');
  assert.is(rig.device.receivedLength, 0);
  assert.is(p.lastStatus, 'offline');
  await p.close();
});

test('a profile without status support prints unverified, status unknown', async () => {
  const rig = mockRig();
  const p = new SerialPrinter(profile({ statusQueries: false }), { Port: rig.Port, pollIntervalMs: 0 });
  await p.open();
  const res = await p.print(Buffer.from('x\n'));
  assert.equal(res, { bytesSent: 2, status: 'unknown', verified: false });
  assert.equal(rig.device.queries, []);
  await p.close();
});

test('a disconnect fails the job with Printer_Disconnected; the port is reopened and prints again', async () => {
  const rig = mockRig();
  const p = new SerialPrinter(profile(), { Port: rig.Port, pollIntervalMs: 0, reconnect: { initialMs: 5, maxMs: 20 } });
  await p.open();
  rig.device.holdAfter(100);
  const job = p.print(Buffer.alloc(4096, 0x41));
  job.catch(() => {});
  while (rig.device.receivedLength < 100) await new Promise((r) => setTimeout(r, 2));
  // Unplug as serialport's own tests do: the pending read fails with a non-cancel error.
  const first = rig.ports[0]?.port as unknown as { pendingRead?: (e: Error) => void };
  first.pendingRead?.(new Error('device unplugged'));
  await rejectsWith(job, 'Printer_Disconnected');
  assert.is(p.lastStatus, 'offline');
  rig.device.release();
  while (rig.ports.length < 2 || p.lastStatus !== 'ready') await new Promise((r) => setTimeout(r, 5));
  rig.device.clear();
  await p.print(Buffer.from('after replug\n'));
  assert.is(rig.device.received.toString(), 'after replug\n');
  await p.close();
});

/** A hand-made port: writes are accepted, drain never completes (a printer holding CTS low). */
class StuckPort extends EventEmitter implements PortLike {
  static made = 0;
  isOpen = false;
  writes: Buffer[] = [];
  constructor(readonly opts: PortOptions) {
    super();
    StuckPort.made++;
  }
  open(cb: (e?: Error | null) => void) {
    this.isOpen = true;
    setImmediate(() => cb(null));
  }
  close(cb?: (e?: Error | null) => void) {
    this.isOpen = false;
    setImmediate(() => {
      this.emit('close');
      cb?.(null);
    });
  }
  write(d: Buffer, cb?: (e?: Error | null) => void) {
    this.writes.push(Buffer.from(d));
    setImmediate(() => cb?.(null));
    return true;
  }
  drain(_cb: (e?: Error | null) => void) {
    /* never */
  }
  flush(cb?: (e?: Error | null) => void) {
    cb?.(null);
  }
}

test('a job that cannot leave the host in time fails with Printer_Timeout', async () => {
  const p = new SerialPrinter(profile({ statusQueries: false }), { Port: StuckPort, pollIntervalMs: 0 });
  await p.open();
  await rejectsWith(p.print(Buffer.alloc(1000, 0x41), { timeoutMs: 50 }), 'Printer_Timeout');
  await p.close();
});

test('writes go out in profile.chunkSize pieces', async () => {
  let port: StuckPort | undefined;
  class Capture extends StuckPort {
    constructor(o: PortOptions) {
      super(o);
      port = this;
    }
    override drain(cb: (e?: Error | null) => void) {
      setImmediate(() => cb(null));
    }
  }
  const p = new SerialPrinter(profile({ statusQueries: false, chunkSize: 64 }), { Port: Capture, pollIntervalMs: 0 });
  await p.open();
  await p.print(Buffer.alloc(1000, 0x41));
  assert.equal(
    port?.writes.map((w) => w.length),
    [...Array(15).fill(64), 40],
  );
  await p.close();
});

test('a missing device: open() resolves, status offline, print fails Printer_Offline, retries in background', async () => {
  let attempts = 0;
  class Missing extends StuckPort {
    override open(cb: (e?: Error | null) => void) {
      attempts++;
      setImmediate(() => cb(new Error('No such file or directory')));
    }
  }
  const p = new SerialPrinter(profile(), { Port: Missing, pollIntervalMs: 0, reconnect: { initialMs: 5, maxMs: 10 } });
  await p.open();
  assert.is(p.lastStatus, 'offline');
  await rejectsWith(p.print(Buffer.from('x\n')), 'Printer_Offline');
  while (attempts < 3) await new Promise((r) => setTimeout(r, 5));
  await p.close();
  const n = attempts;
  await new Promise((r) => setTimeout(r, 50));
  assert.is(attempts, n, 'close() stops reconnecting');
});

test('print before open or after close: Printer_Closed', async () => {
  const p = new SerialPrinter(profile(), { Port: StuckPort, pollIntervalMs: 0 });
  await rejectsWith(p.print(Buffer.from('x')), 'Printer_Closed');
});

test('no native serialport code was loaded by these tests', () => {
  const cache = Object.keys(createRequire(import.meta.url).cache);
  assert.ok(
    cache.some((k) => k.includes('@serialport/stream')),
    'the check can see CJS modules',
  );
  assert.not.ok(cache.some((k) => k.includes('bindings-cpp')));
});

test.run();
