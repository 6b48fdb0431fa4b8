/**
 * Interactive provisioning driven through stdin with scripted answers, as a technician would type
 * them, with a fake HID bus: the keypad is identified by a key press and the scanner by a scan.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeHid } from '../../../src/adapters/hid/FakeHid.js';
import { FakeHidDevice } from '../../../src/adapters/hid/FakeHidDevice.js';
import { verifyPin } from '../../../src/app/OperatorService.js';
import { runProvision } from '../../../src/cli/provisionCommand.js';
import { appRoot } from '../../../src/compose.js';
import type { Config } from '../../../src/config/schema.js';
import { openDeviceStore } from '../../../src/provision/devicePaths.js';

const root = appRoot();
let tmp: string;
test.before.each(() => {
  tmp = mkdtempSync(join(tmpdir(), 'saha-prov-int-'));
});
test.after.each(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `saha provision` with the answers on stdin; `on` reacts to what the screen shows. */
async function drive(answers: string[], extra: { hid?: FakeHid; on?: (screen: string) => void; argv?: string[] } = {}) {
  let screen = '';
  const out = new Writable({
    write(c, _e, cb) {
      screen += c.toString();
      extra.on?.(screen);
      cb();
    },
  });
  const stdin = new PassThrough();
  stdin.end(answers.map((a) => `${a}\n`).join(''));
  const err: string[] = [];
  const code = await runProvision(
    ['--no-self-test', ...(extra.argv ?? [])],
    { stdout: (t) => void out.write(t), stderr: (t) => void err.push(t), env: {}, cwd: tmp },
    {
      root,
      stdin,
      promptOut: out,
      listSerialPorts: async () => [
        { path: '/dev/serial/by-id/usb-EPSON_TM-P20-if00', vendorId: '04b8', productId: '0e15', manufacturer: 'EPSON' },
      ],
      loadHid: async () => extra.hid,
      identifyTimeoutMs: 3000,
    },
  );
  return { code, screen, err: err.join('') };
}

test('a technician answers the questions: keypad identified by a key press, scanner by a scan, two operators', async () => {
  const hid = new FakeHid();
  const keypad = new FakeHidDevice({
    vendorId: 0x04d9,
    productId: 0x1203,
    path: '/dev/hidraw0',
    product: 'USB Keypad',
    interface: 0,
    usagePage: 1,
    usage: 6,
  });
  const scanner = new FakeHidDevice({
    vendorId: 0x0c2e,
    productId: 0x0b61,
    path: '/dev/hidraw1',
    product: 'Barcode Scanner',
    interface: 0,
    usagePage: 1,
    usage: 6,
  });
  hid.plug(keypad);
  hid.plug(scanner);
  writeFileSync(join(tmp, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
  const cfgDir = join(tmp, 'etc');
  const dataDir = join(tmp, 'data');
  // Press a key / scan until the screen confirms the device (the identify step opens devices asynchronously).
  let pressing: NodeJS.Timeout | undefined;
  const on = (screen: string) => {
    const want =
      screen.lastIndexOf('Press any key') > screen.lastIndexOf('keypad: 0x')
        ? keypad
        : screen.lastIndexOf('Scan any barcode') > screen.lastIndexOf('scanner: 0x')
          ? scanner
          : undefined;
    clearInterval(pressing);
    if (want) pressing = setInterval(() => want.send([0, 0, 0x1e, 0, 0, 0, 0, 0]), 20);
  };
  const r = await drive(
    [
      'HT-0050',
      'HTC',
      'HTC', // info-slip series: the invoice series, asked again
      'htb', // not the series format, asked again
      'HTB',
      cfgDir,
      dataDir,
      '',
      '',
      's3cret-pw',
      join(tmp, 'ca.pem'),
      '', // broker: default URL, user = device id, password, CA, no client cert
      '3',
      '2', // printer profile epson-tm-p20, port: the by-id link
      'y',
      'y',
      '', // HID: yes; keypad: yes; scanner: default yes
      '1001',
      'Ayşe Yılmaz',
      '1',
      '4821',
      '4821',
      '9001',
      'Oğuz Şahin',
      '2',
      '7310',
      '0000',
      '7310',
      '7310', // PINs differ once: asked again
      '',
      'y',
      'ÖRNEK GAZ A.Ş.',
      'Eskişehir',
      'Eskişehir V.D.',
      '12345', // tax no: too short, asked again
      '1234567890', // the shipped sample: asked again
      '9876543210', // fails its check digit: asked again
      '9876543217',
      'n', // no store encryption
      'y', // write
    ],
    { hid, on },
  );
  clearInterval(pressing);
  assert.is(r.code, 0, r.screen + r.err);
  assert.match(r.screen, 'epson-tm-p20-58mm-pc857 —');
  assert.match(r.screen, '/dev/serial/by-id/usb-EPSON_TM-P20-if00 04b8:0e15 EPSON (stable name: preferred)');
  assert.match(r.screen, '0x04d9:0x1203 USB Keypad');
  assert.match(r.screen, 'keypad: 0x04d9:0x1203');
  assert.match(r.screen, 'scanner: 0x0c2e:0x0b61');
  assert.match(r.screen, 'the PINs differ');
  assert.match(r.screen, '10 (VKN) or 11 (TCKN) digits');
  assert.not.ok(r.screen.includes('s3cret-pw') || r.screen.includes('4821'), 'secrets are never shown');

  const config = JSON.parse(readFileSync(join(cfgDir, 'saha.json'), 'utf8')) as Config;
  assert.is(config.deviceId, 'HT-0050');
  assert.equal([config.invoiceSeries, config.infoSlipSeries], ['HTC', 'HTB']);
  assert.match(r.screen, 'must differ from the invoice series HTC');
  assert.match(r.screen, '3 of A–Z 0–9');
  assert.is(config.mqtt.url, 'mqtts://broker.example:8883');
  assert.is(config.mqtt.username, 'HT-0050');
  assert.is(config.printer.profile, 'epson-tm-p20-58mm-pc857');
  assert.is(config.printer.port, '/dev/serial/by-id/usb-EPSON_TM-P20-if00');
  assert.is(config.input.profile, join(cfgDir, 'input'));
  assert.is(config.distributor.taxNo, '9876543217');
  assert.match(r.screen, 'the shipped sample number');
  assert.match(r.screen, 'VKN 9876543210 fails its check digit');
  assert.not.ok(config.security?.storeKeyFile, 'no store key');
  assert.is(readFileSync(join(cfgDir, 'mqtt.pass'), 'utf8').trim(), 's3cret-pw');
  assert.is(statSync(join(cfgDir, 'mqtt.pass')).mode & 0o777, 0o600);
  const kp = JSON.parse(readFileSync(join(cfgDir, 'input', 'keypad.json'), 'utf8'));
  const sc = JSON.parse(readFileSync(join(cfgDir, 'input', 'scanner.json'), 'utf8'));
  assert.equal([kp.role, kp.match.vendorId, kp.match.productId, kp.driver], ['keypad', '0x04d9', '0x1203', 'libusb']);
  assert.equal([sc.role, sc.match.vendorId, sc.match.productId], ['scanner', '0x0c2e', '0x0b61']);

  const store = await openDeviceStore(config);
  const ops = [...store.values('operators')];
  await store.close();
  assert.equal(
    ops.map((o) => [o.operatorId, o.name, o.role]),
    [
      ['1001', 'Ayşe Yılmaz', 'reader'],
      ['9001', 'Oğuz Şahin', 'supervisor'],
    ],
  );
  assert.ok(await verifyPin('7310', ops[1]!.pinHash));
});

test('flags answer their questions; answering "n" at the end writes nothing', async () => {
  const r = await drive(['n'], {
    argv: [
      '--device-id',
      'HT-0051',
      '--invoice-series',
      'HTD',
      '--info-slip-series',
      'HTF',
      '--config-dir',
      join(tmp, 'etc'),
      '--data-dir',
      join(tmp, 'data'),
      '--mqtt-url',
      'mqtt://127.0.0.1:1883',
      '--mqtt-password-file',
      join(tmp, 'pw'),
      '--printer-profile',
      'virtual-pty',
      '--printer-port',
      '/dev/null',
      '--no-hid',
      '--operators',
      join(tmp, 'ops.csv'),
      '--reference',
      join(tmp, 'ref.json'),
      '--encrypt-store',
    ],
    on: () => undefined,
  }).catch((e: Error) => ({ code: -1, screen: e.message, err: '' }));
  // The operators file and reference file do not exist: a usage error before any question.
  assert.is(r.code, 2);
  writeFileSync(join(tmp, 'ops.csv'), '9001,Şef,supervisor,1234\n');
  writeFileSync(join(tmp, 'ref.json'), '{}');
  const r2 = await drive(['', 'n'], {
    // user name: the default; then "n" to writing
    argv: [
      '--device-id',
      'HT-0051',
      '--invoice-series',
      'HTD',
      '--info-slip-series',
      'HTF',
      '--config-dir',
      join(tmp, 'etc'),
      '--data-dir',
      join(tmp, 'data'),
      '--mqtt-url',
      'mqtt://127.0.0.1:1883',
      '--mqtt-password-file',
      join(tmp, 'pw'),
      '--printer-profile',
      'virtual-pty',
      '--printer-port',
      '/dev/null',
      '--no-hid',
      '--operators',
      join(tmp, 'ops.csv'),
      '--reference',
      join(tmp, 'ref.json'),
      '--encrypt-store',
    ],
  });
  assert.is(r2.code, 1, r2.screen + r2.err);
  assert.match(r2.screen, 'Write the configuration of HT-0051');
  assert.not.ok(r2.screen.includes('Device id') || r2.screen.includes('Info-slip series'), 'no question the flags answered');
  assert.match(r2.screen, 'nothing written');
  assert.throws(() => statSync(join(tmp, 'etc')));
});

test('input ending early is an error, not a half-provisioned device', async () => {
  const r = await drive(['HT-0052', 'HTE']);
  assert.is(r.code, 2);
  assert.match(r.err, 'input ended');
});

test.run();
