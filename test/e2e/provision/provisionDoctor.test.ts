/**
 * A technician's bench, end to end: `saha provision --yes` into a temp directory (config, secrets,
 * operators, data dir) against a private Mosquitto run from the shipped templates and a virtual
 * printer on a socat pty; then `saha doctor`: every check ok. Then each thing is broken in turn and
 * doctor must name it with its fix.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeHid, dlopenError } from '../../../src/adapters/hid/FakeHid.js';
import { SocatPtyPair } from '../../../src/adapters/printer/SocatPtyPair.js';
import { startPtyVirtualPrinter, type PtyVirtualPrinterSetup } from '../../../src/adapters/printer/startPtyVirtualPrinter.js';
import { runCli } from '../../../src/cli/index.js';
import { runProvision } from '../../../src/cli/provisionCommand.js';
import { appRoot } from '../../../src/compose.js';
import type { Config } from '../../../src/config/schema.js';
import { topics } from '../../../src/core/contract/index.js';
import type { CheckResult } from '../../../src/doctor/CheckResult.js';
import { runDoctor, type DoctorDeps } from '../../../src/doctor/runDoctor.js';
import { openDeviceStore } from '../../../src/provision/devicePaths.js';
import { verifyPin } from '../../../src/app/OperatorService.js';
import { PrivateMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';

const ID = 'HT-0042';
const noNtp: DoctorDeps['run'] = () => undefined;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {}, cwd: process.cwd() },
  };
}

whenMosquitto('provision + doctor', () => {
  if (!SocatPtyPair.available()) {
    if (process.env.CI === 'true')
      test('socat is installed (required on CI)', () => {
        throw new Error('socat missing: apt-get install -y socat');
      });
    else test('socat missing locally: provision e2e skipped', () => {});
    test.run();
    return;
  }
  let mosq: PrivateMosquitto;
  let pty: PtyVirtualPrinterSetup;
  let tmp: string;
  let cfgDir: string;
  let dataDir: string;
  let configFile: string;
  let config: Config;
  const root = appRoot();

  const doctor = (file: string, extra: Partial<DoctorDeps> = {}) =>
    runDoctor(file, { root, env: {}, run: noNtp, brokerTimeoutMs: 4000, ...extra });
  const byName = (rs: CheckResult[], name: string) => rs.filter((r) => r.name === name);
  const one = (rs: CheckResult[], name: string) => {
    const r = byName(rs, name);
    assert.is(r.length, 1, `one ${name} line in ${JSON.stringify(rs)}`);
    return r[0]!;
  };
  /** A variant of the provisioned config, written next to it with mode 0600. */
  const variant = (name: string, edit: (c: Record<string, any>) => void): string => {
    const c = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, any>;
    edit(c);
    const f = join(tmp, `${name}.json`);
    writeFileSync(f, JSON.stringify(c), { mode: 0o600 });
    return f;
  };

  test.before(async () => {
    mosq = await PrivateMosquitto.start({ devices: [ID, 'HT-0043'] });
    tmp = mkdtempSync(join(tmpdir(), 'saha-provision-'));
    pty = await startPtyVirtualPrinter(join(tmp, 'printer-host'), join(tmp, 'printer-dev'));
    cfgDir = join(tmp, 'etc-saha');
    dataDir = join(tmp, 'var-lib-saha');
    configFile = join(cfgDir, 'saha.json');
    writeFileSync(join(tmp, 'pw'), mosq.password(ID) + '\n', { mode: 0o600 });
    writeFileSync(join(tmp, 'operators.csv'), '# id,name,role,pin\n1001,Ayşe Yılmaz,reader,4821\n9001,Oğuz Şahin,supervisor,7310\n');
    writeFileSync(
      join(tmp, 'reference.json'),
      JSON.stringify({
        distributor: { title: 'ESKİŞEHİR GAZ A.Ş.', address: 'Odunpazarı', taxOffice: 'Eskişehir V.D.', taxNo: '9876543217' },
      }),
    );
  });

  test.after(async () => {
    await pty?.stop();
    await mosq?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('provision --yes writes config, secrets, operators and data dir, then the self-test passes and the test page prints', async () => {
    const o = io();
    const code = await runProvision(
      [
        '--yes',
        '--device-id',
        ID,
        '--invoice-series',
        'HTA',
        '--info-slip-series',
        'HTB',
        '--config-dir',
        cfgDir,
        '--data-dir',
        dataDir,
        '--mqtt-url',
        mosq.tlsUrl,
        '--mqtt-password-file',
        join(tmp, 'pw'),
        '--ca',
        mosq.pki.caFile,
        '--printer-profile',
        'virtual-pty',
        '--printer-port',
        pty.hostPath,
        '--no-hid',
        '--operators',
        join(tmp, 'operators.csv'),
        '--reference',
        join(tmp, 'reference.json'),
        '--encrypt-store',
      ],
      o.io,
      { root },
    );
    const text = o.out.join('');
    assert.is(code, 0, text + o.err.join(''));
    for (const f of ['saha.json', 'mqtt.pass', 'store.key']) assert.is(statSync(join(cfgDir, f)).mode & 0o777, 0o600, `${f} is 0600`);
    assert.is(statSync(dataDir).mode & 0o777, 0o700);
    config = JSON.parse(readFileSync(configFile, 'utf8')) as Config;
    assert.is(config.mqtt.username, ID);
    assert.is(config.mqtt.caFile, join(cfgDir, 'ca.pem'));
    assert.is(config.input.profile, '');
    assert.is(config.distributor.title, 'ESKİŞEHİR GAZ A.Ş.');
    // Operators are in the (encrypted) store with hashed PINs; the PIN is nowhere in clear.
    const store = await openDeviceStore({ ...config, security: { ...config.security } });
    const ops = [...store.values('operators')];
    await store.close();
    assert.equal(
      ops.map((x) => [x.operatorId, x.role]),
      [
        ['1001', 'reader'],
        ['9001', 'supervisor'],
      ],
    );
    assert.ok(await verifyPin('4821', ops[0]!.pinHash));
    const everything = [configFile, ...readdirSync(dataDir, { recursive: true }).map((f) => join(dataDir, String(f)))]
      .filter((f) => statSync(f).isFile())
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    assert.not.ok(everything.includes('4821') || everything.includes('Ayşe'), 'no clear PIN or name on disk (store encrypted)');
    // Self-test lines, and the page the virtual printer got: Turkish letters and a QR code.
    for (const name of ['broker', 'credentials', 'acl', 'clock', 'test page', 'scan'])
      assert.match(text, new RegExp(`^ok\\s+${name}`, 'm'));
    const slip = pty.virtual.device.decode({ width: 32, codeTables: { 13: 'pc857' } });
    assert.match(slip.text, 'ÇĞİÖŞÜ çğıöşü');
    assert.match(slip.text, 'Pijamalı hasta yağız şoföre');
    assert.ok(pty.virtual.device.received.includes(Buffer.from([0x1d, 0x28, 0x6b])), 'GS ( k: a QR code was sent');
  });

  test('saha doctor on the provisioned device: every check ok, exit 0', async () => {
    const rs = await doctor(configFile, { hid: new FakeHid() });
    assert.ok(
      rs.every((r) => r.ok),
      JSON.stringify(rs.filter((r) => !r.ok)),
    );
    for (const n of [
      'config',
      'node-hid',
      'serialport',
      'data dir',
      'operators',
      'broker',
      'credentials',
      'acl',
      'clock',
      'printer',
      'hid',
    ])
      assert.ok(byName(rs, n).length >= 1, `check ${n} ran`);
    assert.match(one(rs, 'acl').detail, 'cannot read other devices');
    assert.match(one(rs, 'clock').detail, 'within the broker certificate validity');
    assert.match(one(rs, 'hid').detail, 'terminal keyboard only');
    // The CLI wrapper: one line per check and exit code 0.
    const o = io();
    const code = await runCli(['doctor', '--config', configFile], o.io);
    assert.is(code, 0, o.out.join(''));
    assert.match(o.out.join(''), /^ok\s+printer\s/m);
    assert.match(o.out.join(''), 'all checks ok');
  });

  test('wrong password: credentials refused, with the file to fix; ACL not checked', async () => {
    writeFileSync(join(tmp, 'wrong.pass'), 'not-the-password\n', { mode: 0o600 });
    const rs = await doctor(
      variant('wrong-password', (c) => {
        c.mqtt.passwordFile = join(tmp, 'wrong.pass');
      }),
    );
    const r = one(rs, 'credentials');
    assert.not.ok(r.ok);
    assert.match(r.detail, `refused user "${ID}"`);
    assert.match(r.fix, join(tmp, 'wrong.pass'));
    assert.ok(one(rs, 'broker').ok, 'the broker itself is reachable');
    assert.not.ok(one(rs, 'acl').ok);
    const o = io();
    assert.is(await runCli(['doctor', '--config', join(tmp, 'wrong-password.json')], o.io), 1);
    assert.match(o.out.join(''), /^PROBLEM credentials .* — fix: /m);
  });

  test('missing CA file: broker problem naming mqtt.caFile and how to get it', async () => {
    const rs = await doctor(
      variant('missing-ca', (c) => {
        c.mqtt.caFile = join(tmp, 'nope', 'ca.pem');
      }),
    );
    const r = one(rs, 'broker');
    assert.not.ok(r.ok);
    assert.match(r.detail, 'mqtt.caFile');
    assert.match(r.detail, 'no such file');
    assert.match(r.fix, '--ca');
  });

  test('untrusted broker certificate (CA of someone else): broker problem saying so', async () => {
    writeFileSync(join(tmp, 'rogue-ca.pem'), mosq.pki.rogueCa);
    const r = one(
      await doctor(
        variant('rogue-ca', (c) => {
          c.mqtt.caFile = join(tmp, 'rogue-ca.pem');
        }),
      ),
      'broker',
    );
    assert.not.ok(r.ok);
    assert.match(r.detail, 'not trusted');
    assert.match(r.fix, 'mqtt.caFile');
  });

  test('broker down: unreachable, with what to check', async () => {
    const r = one(
      await doctor(
        variant('no-broker', (c) => {
          c.mqtt.url = 'mqtts://127.0.0.1:1';
        }),
      ),
      'broker',
    );
    assert.not.ok(r.ok);
    assert.match(r.detail, 'connection refused');
    assert.match(r.fix, 'mqtt.url');
  });

  test('bad printer path: printer problem with where to look', async () => {
    const r = one(
      await doctor(
        variant('bad-printer', (c) => {
          c.printer.port = '/dev/serial/by-id/usb-no-such-printer';
        }),
      ),
      'printer',
    );
    assert.not.ok(r.ok);
    assert.match(r.detail, '/dev/serial/by-id/usb-no-such-printer does not exist');
    assert.match(r.fix, '/dev/serial/by-id');
  });

  test('printer present but out of paper: problem "load a paper roll"', async () => {
    pty.virtual.device.set({ paperOut: true } as never);
    try {
      const r = one(await doctor(configFile), 'printer');
      assert.not.ok(r.ok);
      assert.match(r.fix, 'paper');
    } finally {
      pty.virtual.device.set({ paperOut: false } as never);
    }
  });

  test('missing native library (injected loader): node-hid and serialport problems with the package to install', async () => {
    const rs = await doctor(configFile, {
      loadHid: async () => {
        throw dlopenError('libudev.so.1');
      },
      loadSerial: async () => {
        throw Object.assign(new Error('libstdc++.so.6: cannot open shared object file: No such file or directory'), {
          code: 'ERR_DLOPEN_FAILED',
        });
      },
    });
    const hid = one(rs, 'node-hid');
    assert.not.ok(hid.ok);
    assert.match(hid.detail, 'libudev.so.1');
    assert.match(hid.fix, 'apt-get install libusb-1.0-0 libudev1');
    const ser = one(rs, 'serialport');
    assert.not.ok(ser.ok);
    assert.match(ser.fix, 'libstdc++.so.6');
  });

  test('corrupt store: data dir problem naming the file, fix says not to delete it', async () => {
    const copy = join(tmp, 'corrupt-data');
    cpSync(dataDir, copy, { recursive: true });
    const snaps = readdirSync(join(copy, 'snapshot'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'));
    assert.ok(snaps.length > 0, 'provisioning checkpointed the store');
    writeFileSync(join(copy, 'snapshot', snaps[0]!), '{ this is not json');
    const r = one(
      await doctor(
        variant('corrupt', (c) => {
          c.dataDir = copy;
        }),
      ),
      'data dir',
    );
    assert.not.ok(r.ok);
    assert.match(r.detail, 'corrupt');
    assert.match(r.fix, 'do not delete');
  });

  test('a config with three errors: three config lines, each naming its key and how to set it', async () => {
    const f = variant('three-errors', (c) => {
      c.deviceId = 'bad id!';
      c.mqtt.keepaliveSec = 1;
      c.invoiceSeries = 'toolong';
    });
    const rs = await doctor(f);
    const cfg = byName(rs, 'config');
    assert.is(cfg.length, 3);
    assert.ok(cfg.every((r) => !r.ok));
    assert.equal(cfg.map((r) => r.detail.split(':')[0]).sort(), ['deviceId', 'invoiceSeries', 'mqtt.keepaliveSec']);
    assert.match(cfg.find((r) => r.detail.startsWith('deviceId'))!.fix, 'SAHA_DEVICE_ID');
    assert.match(one(rs, 'others').detail, 'not checked');
    const o = io();
    assert.is(await runCli(['doctor', '--config', f], o.io), 1);
    assert.is(
      o.out
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('PROBLEM config')).length,
      3,
    );
  });

  test('a configured scanner that is not plugged in is a problem with its fix', async () => {
    const inputDir = join(tmp, 'input');
    cpSync(join(root, 'device', 'input', 'scanner.json'), join(inputDir, 'scanner.json'));
    const r = one(
      await doctor(
        variant('scanner-missing', (c) => {
          c.input.profile = inputDir;
        }),
        { hid: new FakeHid() },
      ),
      'hid',
    );
    assert.not.ok(r.ok);
    assert.match(r.detail, 'not found');
    assert.match(r.fix, 'lsusb');
  });

  test('a secret readable by others is a problem: chmod 600', async () => {
    const f = variant('loose', () => {});
    writeFileSync(join(tmp, 'loose.pass'), mosq.password(ID), { mode: 0o644 });
    const c = JSON.parse(readFileSync(f, 'utf8'));
    c.mqtt.passwordFile = join(tmp, 'loose.pass');
    writeFileSync(f, JSON.stringify(c), { mode: 0o600 });
    const r = one(await doctor(f), 'secrets');
    assert.not.ok(r.ok);
    assert.match(r.fix, `chmod 600 ${join(tmp, 'loose.pass')}`);
  });

  test('provision refuses to overwrite a device that holds unsent records; nothing is changed', async () => {
    const store = await openDeviceStore(config);
    await store.transact(
      (tx) => void tx.event({ type: 'job.accepted', operatorId: '1001', jobId: 'J-1', data: { jobId: 'J-1', version: 1 } }),
    );
    await store.close();
    const before = readFileSync(configFile, 'utf8');
    const o = io();
    const code = await runProvision(
      [
        '--yes',
        '--device-id',
        ID,
        '--invoice-series',
        'HTB',
        '--info-slip-series',
        'HTC',
        '--config-dir',
        cfgDir,
        '--data-dir',
        dataDir,
        '--mqtt-url',
        mosq.tlsUrl,
        '--printer-profile',
        'virtual-pty',
        '--no-hid',
        '--operators',
        join(tmp, 'operators.csv'),
        '--reference',
        join(tmp, 'reference.json'),
        '--no-self-test',
      ],
      o.io,
      { root },
    );
    assert.is(code, 2);
    assert.match(o.err.join(''), '1 unsent record');
    assert.is(readFileSync(configFile, 'utf8'), before);
    const d = one(await doctor(configFile), 'data dir');
    assert.match(d.detail, '1 unsent record');
    assert.ok(existsSync(join(dataDir, 'journal.jsonl')));
    void topics;
  });

  test('provision --yes with values missing lists every missing option at once', async () => {
    const o = io();
    assert.is(await runProvision(['--yes', '--device-id', 'HT-9'], o.io, { root }), 2);
    for (const opt of ['--invoice-series', '--info-slip-series', '--mqtt-url', '--printer-profile', '--operators'])
      assert.match(o.err.join(''), opt);
  });

  test('provision validates everything before writing: bad series, unknown profile and a short PIN, all reported', async () => {
    writeFileSync(join(tmp, 'bad-ops.csv'), '1001,Ayşe,reader,12\n');
    const dir = join(tmp, 'never-written');
    const o = io();
    const code = await runProvision(
      [
        '--yes',
        '--device-id',
        'HT-0099',
        '--invoice-series',
        'h1',
        '--info-slip-series',
        'h2',
        '--config-dir',
        dir,
        '--data-dir',
        join(tmp, 'never-data'),
        '--mqtt-url',
        mosq.tlsUrl,
        '--printer-profile',
        'no-such-printer',
        '--no-hid',
        '--operators',
        join(tmp, 'bad-ops.csv'),
        '--no-self-test',
      ],
      o.io,
      { root },
    );
    assert.is(code, 2);
    const err = o.err.join('');
    for (const s of ['invoiceSeries', 'infoSlipSeries', 'printer.profile', 'PIN must be 4–8 digits', 'at least one supervisor'])
      assert.match(err, s);
    assert.not.ok(existsSync(dir));
  });
  test.run();
});
