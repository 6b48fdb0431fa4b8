/**
 * The back-office kit end to end against a private Mosquitto (shipped config and ACL templates) and
 * a real SMTP server: a route dispatched from the example CSV (signed) reaches a handheld composed
 * as `npm start` composes it; the crew's readings come back through `saha watch`; the invoice of the
 * customer who asked for e-mail reaches the SMTP server as a PDF exactly once, although the event is
 * delivered twice, the SMTP server refuses the first attempt, and the relay is restarted and joined
 * by a second relay on the same shared subscription.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { SMTPServer } from 'smtp-server';
import { PDFParse } from 'pdf-parse';
import { BACKOFFICE_USERS, PrivateMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';
import { sahaBin } from '../../helpers/sahaBin.js';
import { waitFor } from '../../helpers/waitFor.js';
import { compose, DEMO_OPERATOR } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { MemoryLogger } from '../../../src/adapters/log/FileLogger.js';
import { startMailRelay, type RunningRelay } from '../../../src/backoffice/startMailRelay.js';
import { parseRelayConfig, type RelayConfig } from '../../../src/backoffice/relayConfig.js';

const root = new URL('../../../', import.meta.url).pathname;
const DEVICE = 'HT-0042';

interface Mail {
  raw: string;
  rcpt: string[];
}

/** The headers and the PDF attachment of a message as nodemailer writes it (multipart, base64 PDF). */
function parseMail(raw: string): { headers: Record<string, string>; pdf: Buffer; text: string } {
  const [head = ''] = raw.split(/\r?\n\r?\n/, 1);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const pdfPart = /Content-Type: application\/pdf[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  const textPart = /Content-Type: text\/plain[^\n]*\r?\nContent-Transfer-Encoding: quoted-printable\r?\n\r?\n([\s\S]*?)\r?\n--/.exec(raw);
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return { headers, pdf: Buffer.from((pdfPart?.[1] ?? '').replace(/\s+/g, ''), 'base64'), text: textPart ? qp(textPart[1]!) : '' };
}
function decodeWords(s: string): string {
  return s.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

whenMosquitto('back office kit', () => {
  test('CSV route → device; readings → watch; invoice → SMTP as a PDF exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saha-bo-'));
    const mosq = await PrivateMosquitto.start({ devices: [DEVICE] });
    const procs: ChildProcess[] = [];
    const relays: RunningRelay[] = [];
    let device: Awaited<ReturnType<typeof compose>> | undefined;
    let watchOut = '';
    const mails: Mail[] = [];
    let refusals = 0;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        // The first attempt meets a full mailbox server (transient 451): the relay must retry.
        if (refusals++ === 0) return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
        cb();
      },
      onData(stream, session, cb) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => (raw += d));
        stream.on('end', () => {
          mails.push({ raw, rcpt: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      const secret = (name: string, value: string) => {
        const f = join(dir, name);
        writeFileSync(f, value, { mode: 0o600 });
        return f;
      };
      const devicePass = secret('device.pass', mosq.password(DEVICE));
      // One broker account per back-office process, as docs/deployment.md requires: the shipped
      // Mosquitto conf makes the account the client id, so two processes sharing one would take each
      // other's session (dispatch's clean session would even wipe relay A's queued events).
      const [DISPATCH_USER, WATCH_USER, RELAY_A_USER, RELAY_B_USER, TAP_USER] = BACKOFFICE_USERS;
      const boPass = (user: string) => secret(`${user}.pass`, mosq.password(user));
      const boArgs = (user: string) => ['--url', mosq.plainUrl, '--username', user, '--password-file', boPass(user)];
      const keysDir = join(dir, 'keys');
      mkdirSync(keysDir);
      copyFileSync(join(root, 'test/fixtures/contract/keys/test-2026-01.pub.pem'), join(keysDir, 'test-2026-01.pem'));

      // The handheld, as `npm start` composes it, on Mosquitto with its own account; it only accepts signed orders.
      const cfg = loadConfig({
        env: {
          SAHA_DATA_DIR: join(dir, 'device'),
          SAHA_DEVICE_ID: DEVICE,
          SAHA_MQTT_URL: mosq.plainUrl,
          SAHA_MQTT_USERNAME: DEVICE,
          SAHA_MQTT_PASSWORD_FILE: devicePass,
          SAHA_SECURITY_REQUIRE_SIGNATURES: 'true',
          SAHA_SECURITY_PUBLIC_KEYS_DIR: keysDir,
        },
      });
      if (!cfg.ok) throw new Error(JSON.stringify(cfg.errors));
      const t0 = Date.now();
      const base = Date.parse('2025-09-01T10:00:00.000+03:00');
      device = await compose(cfg.config, { logger: new MemoryLogger(), clock: () => base + (Date.now() - t0) });

      // saha watch (the bundle, as a user runs it), JSON lines, from before the device says anything.
      const watch = spawn(process.execPath, [sahaBin(), 'watch', '--json', '--device', DEVICE, ...boArgs(WATCH_USER)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      procs.push(watch);
      watch.stdout!.on('data', (d: Buffer) => (watchOut += d.toString()));
      watch.stderr!.on('data', (d: Buffer) => (watchOut += d.toString()));
      const observations = () =>
        watchOut
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);

      // Mail relay A: the bundle, config from a file, in a shared-subscription group.
      const relayConfig = (clientId: string, username: string): RelayConfig => {
        const r = parseRelayConfig(
          JSON.stringify({
            mqtt: { url: mosq.plainUrl, username, passwordFile: boPass(username), clientId, group: 'mail' },
            smtp: { host: '127.0.0.1', port: smtpPort, secure: false, requireTLS: false, timeoutMs: 5000 },
            mail: { from: 'Örnek Doğal Gaz <fatura@ornekgaz.com.tr>', messageIdDomain: 'ornekgaz.com.tr' },
            distributor: {
              title: 'Örnek Doğal Gaz Dağıtım A.Ş.',
              address: 'Organize Sanayi Bölgesi 1. Cad. No:1 Eskişehir',
              taxOffice: 'Eskişehir V.D.',
              taxNo: '1234567890',
            },
            ledgerDir: join(dir, 'ledger'),
            retry: { minMs: 200, maxMs: 1000 },
          }),
        );
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        return r.config;
      };
      const relayFile = join(dir, 'relay-a.json');
      writeFileSync(relayFile, JSON.stringify(relayConfig('relay-a', RELAY_A_USER)));
      let relayLog = '';
      const relayA = spawn(process.execPath, [sahaBin(), 'mail-relay', '--config', relayFile, '--verbose'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      procs.push(relayA);
      relayA.stderr!.on('data', (d: Buffer) => (relayLog += d.toString()));
      await waitFor(() => relayLog.includes('mail relay relay-a started'), `relay A started: ${relayLog}`);

      // The test's own back-office subscriber keeps the raw invoice.issued payloads, to replay one.
      const raw = new Map<string, Buffer>();
      const tap = await mqtt.connectAsync(mosq.plainUrl, { clientId: 'test-tap', username: TAP_USER, password: mosq.password(TAP_USER) });
      tap.on('message', (_t, payload) => raw.set(JSON.parse(payload.toString()).eventId, Buffer.from(payload)));
      await tap.subscribeAsync(`saha/v1/devices/${DEVICE}/events/invoice.issued`, { qos: 1 });

      await device.start();
      await waitFor(() => device!.app.status().link === 'online', 'device online');

      // Dispatch the tariff and the example route, signed, with the bundled CLI.
      const d = spawnSync(
        process.execPath,
        [
          sahaBin(),
          'dispatch',
          '--device',
          DEVICE,
          '--route',
          join(root, 'docs/examples/route.csv'),
          '--tariff',
          join(root, 'test/fixtures/tariffs/esgaz-k1-2025-08.json'),
          '--key',
          join(root, 'test/fixtures/contract/keys/test-2026-01.key.pem'),
          '--kid',
          'test-2026-01',
          ...boArgs(DISPATCH_USER),
        ],
        { encoding: 'utf8' },
      );
      assert.is(d.status, 0, d.stderr + d.stdout);
      assert.match(d.stdout, /6 order\(s\) sent, signed with test-2026-01/);
      await waitFor(() => device!.app.jobs().length === 5, 'the CSV route is on the device');
      const ayse = device.app.jobs().find((j) => j.job.jobId === 'R-0001')!;
      assert.is(ayse.job.customer.name, 'Ayşe Yılmaz');
      assert.is(ayse.job.customer.invoiceByEmail, true);

      // The crew reads two meters; the first customer wants her invoice by e-mail.
      await device.app.login(DEMO_OPERATOR.operatorId, DEMO_OPERATOR.pin);
      // The crew scans each meter first (the scan gate, issue 19).
      const app = device.app;
      const scanOf = (jobId: string) => ({ kind: 'matched' as const, code: app.job(jobId)!.job.meter.serial });
      const { invoice } = await device.app.confirmReading({ jobId: 'R-0001', index: 12533, scan: scanOf('R-0001') });
      assert.is(invoice!.total, '2461.63', "the domain notes' worked example");
      assert.is(invoice!.emailTo, 'ayse.yilmaz@example.com');
      const second = await device.app.confirmReading({ jobId: 'R-0002', index: 30331, scan: scanOf('R-0002') });
      assert.is(second.invoice!.emailTo, undefined);
      await waitFor(() => device!.sender.depth() === 0, 'outbox drained');

      // Back through watch: every job accepted, both readings, both invoices; no gap.
      await waitFor(
        () => observations().filter((o) => o.kind === 'event' && o.type === 'invoice.issued').length === 2,
        `watch saw the invoices:\n${watchOut}`,
      );
      const events = observations().filter((o) => o.kind === 'event');
      assert.is(events.filter((o) => o.type === 'job.accepted').length, 5);
      assert.equal(
        events.filter((o) => o.type === 'reading.recorded').map((o) => o.jobId),
        ['R-0001', 'R-0002'],
      );
      const seqs = events.map((o) => o.seq as number).sort((a, b) => a - b);
      assert.equal(
        seqs,
        Array.from({ length: seqs.length }, (_, i) => i + 1),
        'every seq, once',
      );
      assert.ok(observations().some((o) => o.kind === 'status' && o.state === 'online'));

      // One mail, after the relay retried the refused first attempt.
      await waitFor(() => mails.length === 1, `the invoice was mailed:\n${relayLog}`);
      assert.match(relayLog, /attempt 1 failed/);

      // The device delivers the invoice event a second time (a lost PUBACK): published as the device may,
      // with the device's account, so the app stops first (the account is the client id: a second
      // connection would take over the app's session).
      await device.stop();
      device = undefined;
      const issued = events.find((o) => o.type === 'invoice.issued' && o.jobId === 'R-0001')!;
      const again = await mqtt.connectAsync(mosq.plainUrl, {
        clientId: `${DEVICE}-replay`,
        username: DEVICE,
        password: mosq.password(DEVICE),
      });
      await waitFor(() => raw.has(issued.eventId as string), 'the tap has the payload');
      const original = raw.get(issued.eventId as string)!;
      await tap.endAsync();
      await again.publishAsync(`saha/v1/devices/${DEVICE}/events/invoice.issued`, original, { qos: 1 });
      await waitFor(
        () => observations().some((o) => o.kind === 'duplicate' && o.eventId === issued.eventId),
        'watch dropped the redelivery',
      );
      await waitFor(
        () => relayLog.includes(`${invoice!.invoiceNo} already sent`),
        `relay A acknowledged the copy without mailing:\n${relayLog}`,
      );

      // Relay A is stopped (SIGTERM) and replaced by relay B (in process) plus relay A again: two
      // members of the "mail" group share the stream; the event arrives a third and a fourth time.
      relayA.kill('SIGTERM');
      await new Promise((r) => relayA.once('exit', r));
      relays.push(await startMailRelay(relayConfig('relay-b', RELAY_B_USER), { log: () => undefined }));
      const relayA2 = spawn(process.execPath, [sahaBin(), 'mail-relay', '--config', relayFile, '--verbose'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      procs.push(relayA2);
      let relayLog2 = '';
      relayA2.stderr!.on('data', (d: Buffer) => (relayLog2 += d.toString()));
      await waitFor(() => relayLog2.includes('started'), 'relay A restarted');
      for (let i = 0; i < 4; i++) await again.publishAsync(`saha/v1/devices/${DEVICE}/events/invoice.issued`, original, { qos: 1 });
      // Each copy goes to one member of the group; both acknowledge theirs without mailing.
      const handled = () => relays[0]!.relay.stats.duplicates + (relayLog2.match(/already sent/g)?.length ?? 0);
      await waitFor(() => handled() === 4, `the relays handled the 4 copies (${handled()})`);
      assert.ok(
        relays[0]!.relay.stats.duplicates >= 1 && /already sent/.test(relayLog2),
        `the group shared the copies: B ${relays[0]!.relay.stats.duplicates}, A ${relayLog2.match(/already sent/g)?.length ?? 0}`,
      );
      await again.endAsync();
      assert.is(mails.length, 1, 'mailed exactly once');

      // The mail and its PDF.
      const m = parseMail(mails[0]!.raw);
      assert.equal(mails[0]!.rcpt, ['ayse.yilmaz@example.com']);
      assert.is(m.headers.subject, `Doğal gaz faturanız ${invoice!.invoiceNo}`);
      assert.is(m.headers['message-id'], `<${invoice!.invoiceNo}.invoice@ornekgaz.com.tr>`);
      assert.match(m.text, /Sayın Ayşe Yılmaz/);
      assert.is(m.pdf.subarray(0, 5).toString(), '%PDF-');
      const parser = new PDFParse({ data: m.pdf });
      const pdfText = (await parser.getText()).text.replace(/[ \t]+/g, ' ');
      await parser.destroy();
      for (const s of [
        invoice!.invoiceNo,
        invoice!.ettn,
        'DOĞAL GAZ FATURASI',
        'Ayşe Yılmaz',
        'İsmet İnönü Cad.',
        'Tesisat No: 4000123456',
        'İlk endeks: 12345',
        'Son endeks: 12533',
        'Tüketim (kWh): 2.126',
        'Fatura toplamı (KDV dahil) 2.461,63 TL',
        'ÖDENECEK TUTAR 2.462,00 TL',
        'Son ödeme tarihi: 11.09.2025',
        'Cihaz: HT-0042',
      ]) {
        assert.ok(pdfText.includes(s), `PDF has "${s}":\n${pdfText}`);
      }
    } finally {
      for (const r of relays) await r.stop().catch(() => undefined);
      for (const p of procs)
        if (p.exitCode === null && p.signalCode === null) {
          p.kill('SIGTERM');
          await new Promise((r) => p.once('exit', r));
        }
      await device?.stop().catch(() => undefined);
      await new Promise<void>((r) => smtp.close(() => r()));
      await mosq.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test.run();
});
