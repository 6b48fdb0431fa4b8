// SerialScanner on real serial bytes: serialport reading a socat pty pair, the test writing what a
// scanner in serial mode sends (device/input/README.md, "Serial scanners"). Needs socat; on CI
// (CI=true) a missing socat is a failure, not a skip (test/helpers/serialPty.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SerialScanner } from '../../../src/adapters/serialscanner/SerialScanner.js';
import { ErrorCode, type AppError } from '../../../src/core/errors/AppError.js';
import type { DeviceStatus } from '../../../src/core/input/DeviceStatus.js';
import { isValidInputEvent, type InputEvent } from '../../../src/core/input/InputEvent.js';
import type { SerialDelimiter } from '../../../src/core/input/InputProfile.js';
import { parseSerialScannerProfile } from '../../../src/core/input/parseSerialScannerProfile.js';
import { ScannerPty, whenSocat } from '../../helpers/serialPty.js';
import { waitFor } from '../../helpers/waitFor.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rig(delimiter: SerialDelimiter = '\r\n', opts: { plugged?: boolean; maxLineBytes?: number } = {}) {
  const pty = new ScannerPty();
  if (opts.plugged ?? true) await pty.plug();
  const profile = parseSerialScannerProfile({
    kind: 'serial-scanner',
    id: 'scanner',
    path: pty.hostPath,
    baudRate: 9600,
    delimiter,
    ...(opts.maxLineBytes !== undefined ? { maxLineBytes: opts.maxLineBytes } : {}),
  });
  const scanner = new SerialScanner(profile, { backoff: { initialMs: 20, maxMs: 100 }, watchMs: 50 });
  const events: InputEvent[] = [];
  const devices: DeviceStatus[] = [];
  const errors: AppError[] = [];
  scanner
    .on('input', (e) => events.push(e))
    .on('device', (d) => devices.push(d))
    .on('rejected', (e) => errors.push(e));
  const codes = () => events.map((e) => (e.type === 'scan' ? e.code : `key:${e.key}`));
  const until = (n: number, what: string) => waitFor(() => events.length >= n, what);
  const dispose = async () => {
    await scanner.stop();
    await pty.dispose();
  };
  return { pty, scanner, events, devices, errors, codes, until, dispose };
}

whenSocat('SerialScanner over a socat pty', () => {
  for (const [delimiter, name] of [
    ['\r', 'CR'],
    ['\n', 'LF'],
    ['\r\n', 'CRLF'],
  ] as const) {
    test(`delimiter ${name}: each line is one scan event with the exact text`, async () => {
      const r = await rig(delimiter);
      await r.scanner.start();
      await r.pty.write(`SAYAC-123456${delimiter}`);
      await r.pty.write(`ÖĞÜŞ-ıç 42${delimiter}`);
      await r.pty.write(`]C1\u001d0104012345${delimiter}`);
      await r.until(3, 'three scans');
      assert.equal(r.codes(), ['SAYAC-123456', 'ÖĞÜŞ-ıç 42', ']C1\u001d0104012345']);
      assert.ok(r.events.every((e) => isValidInputEvent(e) && e.source === 'scanner'));
      assert.equal(r.errors, []);
      await r.dispose();
    });
  }

  test('a barcode arriving in several writes is one scan; two barcodes in one write are two', async () => {
    const r = await rig('\r\n');
    await r.scanner.start();
    // Spaced so the pty hands them over as separate reads, as a slow UART does.
    for (const part of ['SAY', 'AC-7', '7\r', '\n']) {
      await r.pty.write(part);
      await pause(30);
    }
    await r.pty.write('SAYAC-1\r\nSAYAC-2\r\n');
    await r.until(3, 'three scans');
    assert.equal(r.codes(), ['SAYAC-77', 'SAYAC-1', 'SAYAC-2']);
    await r.dispose();
  });

  test('blank lines are ignored; a scanner sending CR LF to a profile set to CR still gives clean codes', async () => {
    const r = await rig('\r');
    await r.scanner.start();
    await r.pty.write('\r   \r\t\rSAYAC-5\r\nSAYAC-6\r\n');
    await r.pty.write('LAST\r');
    await r.until(3, 'three scans');
    assert.equal(r.codes(), ['SAYAC-5', 'SAYAC-6', 'LAST']);
    assert.equal(r.errors, []);
    await r.dispose();
  });

  test('an over-long line is one Scan_TooLong error event; the next good line still scans', async () => {
    const r = await rig('\r\n', { maxLineBytes: 64 });
    await r.scanner.start();
    await r.pty.write(`${'A'.repeat(65)}\r\nSAYAC-8\r\n`);
    await r.until(1, 'the good scan');
    assert.equal(r.codes(), ['SAYAC-8']);
    assert.equal(
      r.errors.map((e) => [e.code, e.context.bytes]),
      [[ErrorCode.Scan_TooLong, 65]],
    );
    assert.not.match(r.errors[0]!.message, /AAAA/, 'the dropped bytes are not in the message');
    await r.dispose();
  });

  test('bytes without any delimiter: dropped past the cap (one error, not one per chunk), then scanning resumes', async () => {
    const r = await rig('\r\n', { maxLineBytes: 256 });
    await r.scanner.start();
    // 200 kB in 100 writes with no delimiter: a plain ReadlineParser would keep all of it.
    for (let i = 0; i < 100; i++) await r.pty.write('X'.repeat(2000));
    await r.pty.write('\r\nSAYAC-9\r\n');
    await r.until(1, 'the scan after the flood');
    assert.equal(r.codes(), ['SAYAC-9']);
    assert.equal(
      r.errors.map((e) => [e.code, e.context.delimiterSeen]),
      [[ErrorCode.Scan_TooLong, false]],
    );
    assert.equal(r.devices.at(-1)?.state, 'present', 'the device stays present');
    await r.dispose();
  });

  test('garbage (not UTF-8, control bytes: a wrong baud rate) is a Scan_Garbled error event, never a scan or a crash', async () => {
    const r = await rig('\r\n');
    await r.scanner.start();
    await r.pty.write(Buffer.from([0xff, 0xfe, 0x80, 0x41, 0x0d, 0x0a]));
    await r.pty.write(Buffer.from([0x53, 0x00, 0x07, 0x41, 0x0d, 0x0a]));
    await r.pty.write('SAYAC-10\r\n');
    await r.until(1, 'the good scan');
    assert.equal(r.codes(), ['SAYAC-10']);
    assert.equal(
      r.errors.map((e) => [e.code, e.context.reason]),
      [
        [ErrorCode.Scan_Garbled, 'not-utf8'],
        [ErrorCode.Scan_Garbled, 'control-bytes'],
      ],
    );
    await r.dispose();
  });

  test('unplug (socat killed) → missing; a new pty at the same path → present, and scans flow again', async () => {
    const r = await rig('\r\n');
    await r.scanner.start();
    await r.pty.write('BEFORE\r\nHALF-A-COD');
    await r.until(1, 'the first scan');
    await r.pty.unplug();
    await waitFor(() => r.scanner.status().state === 'missing', 'missing after unplug');
    assert.is(r.scanner.status().error?.code, ErrorCode.Serial_Disconnected);
    await r.pty.plug();
    await waitFor(() => r.scanner.status().state === 'present', 'present after replug');
    await r.pty.write('E\r\nAFTER\r\n');
    await r.until(3, 'scans after the replug');
    // The half-received code was dropped with the old port: "E" is all that is left of it.
    assert.equal(r.codes(), ['BEFORE', 'E', 'AFTER']);
    assert.equal(
      r.devices.map((d) => d.state),
      ['present', 'missing', 'present'],
    );
    await r.dispose();
  });

  test('a path that does not exist at start: missing (Serial_Open, ENOENT), start() resolves, and it opens once it appears', async () => {
    const r = await rig('\r\n', { plugged: false });
    await r.scanner.start();
    assert.is(r.scanner.status().state, 'missing');
    assert.is(r.scanner.status().error?.code, ErrorCode.Serial_Open);
    assert.is(r.scanner.status().error?.context.errno, 'ENOENT');
    await pause(200); // several retries while it is absent: still one 'missing' announcement
    assert.is(r.devices.length, 1);
    await r.pty.plug();
    await waitFor(() => r.scanner.status().state === 'present', 'present once the path exists');
    await r.pty.write('LATE\r\n');
    await r.until(1, 'a scan');
    assert.equal(r.codes(), ['LATE']);
    await r.dispose();
  });

  test('stop() closes the port: another process can open the same path (serialport locks it), nothing is emitted after', async () => {
    const r = await rig('\r\n');
    await r.scanner.start();
    await r.scanner.stop();
    const before = r.events.length + r.devices.length + r.errors.length;
    await r.pty.write('AFTER-STOP\r\n');
    const second = new SerialScanner(parseSerialScannerProfile({ kind: 'serial-scanner', id: 'again', path: r.pty.hostPath }));
    await second.start();
    assert.is(second.status().state, 'present', 'the lock was released');
    await second.stop();
    await pause(100);
    assert.is(r.events.length + r.devices.length + r.errors.length, before);
    await r.dispose();
  });

  test.run();
});
