// The mail relay's decisions with a fake SMTP: once per invoice, retries on transient failures, not on refusals; the PDF reads back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { MailLedger } from '../../../src/backoffice/MailLedger.js';
import { MailRelay, type Mailer, type OutgoingMail } from '../../../src/backoffice/MailRelay.js';
import { defaultFonts, renderInvoicePdf } from '../../../src/backoffice/invoicePdf.js';
import { parseRelayConfig } from '../../../src/backoffice/relayConfig.js';

const fixture = readFileSync(new URL('../../fixtures/contract/events/invoice.issued.json', import.meta.url), 'utf8');
const TOPIC = 'saha/v1/devices/HT-0042/events/invoice.issued';
const distributor = {
  title: 'Örnek Doğal Gaz Dağıtım A.Ş.',
  address: 'Organize Sanayi Bölgesi 1. Cad. No:1 Eskişehir',
  taxOffice: 'Eskişehir V.D.',
  taxNo: '1234567890',
};
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'saha-relay-'));
  dirs.push(d);
  return d;
};

class FakeMailer implements Mailer {
  sent: OutgoingMail[] = [];
  failures: unknown[] = [];
  async send(m: OutgoingMail) {
    const f = this.failures.shift();
    if (f) throw f;
    this.sent.push(m);
    return { response: '250 ok' };
  }
}

function relay(o: { ledger?: MailLedger; mailer?: Mailer; owner?: string } = {}) {
  const mailer = o.mailer ?? new FakeMailer();
  const r = new MailRelay({
    ledger: o.ledger ?? new MailLedger(tmp()),
    mailer,
    owner: o.owner ?? 'relay-1',
    from: 'Örnek Gaz <fatura@ornekgaz.com.tr>',
    distributor,
    page: 'a4',
    fonts: defaultFonts(),
    leaseMs: 60_000,
    retry: { minMs: 5, maxMs: 20 },
    messageIdDomain: 'ornekgaz.com.tr',
    log: () => undefined,
  });
  return { r, mailer: mailer as FakeMailer };
}
const payload = (over: Record<string, unknown> = {}) => {
  const e = JSON.parse(fixture);
  return Buffer.from(JSON.stringify({ ...e, data: { ...e.data, ...over } }));
};

test('an invoice with emailTo is mailed once; the same event again is acknowledged without a mail', async () => {
  const { r, mailer } = relay();
  assert.is(await r.handle(TOPIC, payload()), 'sent');
  assert.is(await r.handle(TOPIC, payload()), 'already-sent');
  assert.is(mailer.sent.length, 1);
  const m = mailer.sent[0]!;
  assert.is(m.to, 'ayse.yilmaz@example.com');
  assert.is(m.subject, 'Doğal gaz faturanız HTA2025000001207');
  assert.is(m.messageId, '<HTA2025000001207.invoice@ornekgaz.com.tr>');
  assert.match(m.text, /Ödenecek tutar: 2\.462,00 TL/);
  assert.is(m.attachments[0]!.filename, 'fatura-HTA2025000001207.pdf');
});

test('no emailTo, another event type, an invalid event: nothing is mailed', async () => {
  const { r, mailer } = relay();
  const e = JSON.parse(fixture);
  delete e.data.emailTo;
  assert.is(await r.handle(TOPIC, Buffer.from(JSON.stringify(e))), 'no-email');
  assert.is(await r.handle(TOPIC, payload({ total: 2461.63 })), 'invalid');
  assert.is(await r.handle(TOPIC, Buffer.from('{')), 'invalid');
  assert.is(
    await r.handle(
      'saha/v1/devices/HT-0042/events/reading.recorded',
      readFileSync(new URL('../../fixtures/contract/events/reading.recorded.json', import.meta.url)),
    ),
    'not-invoice',
  );
  assert.is(mailer.sent.length, 0);
});

test('transient SMTP failures are retried with backoff; a 5xx refusal is recorded and never retried', async () => {
  const ledger = new MailLedger(tmp());
  const { r, mailer } = relay({ ledger });
  mailer.failures.push(
    Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }),
    Object.assign(new Error('451 try later'), { responseCode: 451 }),
  );
  assert.is(await r.handle(TOPIC, payload()), 'sent');
  assert.is(r.stats.retries, 2);
  assert.equal(ledger.get('HTA2025000001207')!.state, 'sent');
  assert.is((ledger.get('HTA2025000001207') as { attempts: number }).attempts, 3);
  mailer.failures.push(Object.assign(new Error('550 no such user'), { responseCode: 550 }));
  assert.is(await r.handle(TOPIC, payload({ invoiceNo: 'HTA2025000001208' })), 'failed');
  assert.is(await r.handle(TOPIC, payload({ invoiceNo: 'HTA2025000001208' })), 'already-failed');
  assert.is(mailer.sent.length, 1);
});

test('ledger: one claim wins; a live claim of another relay makes the next wait; an expired one is taken over', () => {
  let now = 1000;
  const l = new MailLedger(tmp(), () => now);
  assert.is(l.claim('HTA2025000000001', 'a', 100).kind, 'claimed');
  assert.is(l.claim('HTA2025000000001', 'b', 100).kind, 'busy');
  const again = l.claim('HTA2025000000001', 'a', 100);
  assert.ok(again.kind === 'claimed' && again.takenOver, 'a restarted relay takes back its own claim');
  now += 500;
  assert.is(l.claim('HTA2025000000001', 'b', 100).kind, 'claimed', 'lease expired');
  l.finish({ state: 'sent', invoiceNo: 'HTA2025000000001', owner: 'b', at: now, to: 'x@y', messageId: '<m>', eventId: 'e', attempts: 1 });
  assert.is(l.claim('HTA2025000000001', 'a', 100).kind, 'done');
  assert.is(new MailLedger(l.dir).get('HTA2025000000001')!.state, 'sent', 'on disk');
});

test("a relay that waits on another relay's claim acknowledges once that one has sent", async () => {
  const ledger = new MailLedger(tmp());
  ledger.claim('HTA2025000001207', 'relay-2', 60_000);
  const { r, mailer } = relay({ ledger });
  const p = r.handle(TOPIC, payload());
  await new Promise((res) => setTimeout(res, 100));
  ledger.finish({
    state: 'sent',
    invoiceNo: 'HTA2025000001207',
    owner: 'relay-2',
    at: 0,
    to: 'x@y',
    messageId: '<m>',
    eventId: 'e',
    attempts: 1,
  });
  r.stop();
  assert.ok(['already-sent', 'stopped'].includes(await p));
  assert.is(mailer.sent.length, 0);
});

test('a ledger that cannot be written holds the message (no acknowledgement) and is retried', async () => {
  const ledger = new MailLedger(tmp());
  const { r, mailer } = relay({ ledger });
  const claim = ledger.claim.bind(ledger);
  let broken = 2;
  ledger.claim = (...a: Parameters<MailLedger['claim']>) => {
    if (broken-- > 0) throw new Error('EROFS: read-only file system');
    return claim(...a);
  };
  assert.is(await r.handleUntilDone(TOPIC, payload()), 'sent');
  assert.is(mailer.sent.length, 1);
});

test("the slip-width PDF carries the slip's content with Turkish letters (A4: invoicePdf.test.ts)", async () => {
  const inv = JSON.parse(fixture).data;
  for (const page of ['slip'] as const) {
    const pdf = await renderInvoicePdf(inv, distributor, { page, fonts: defaultFonts() });
    assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
    const parser = new PDFParse({ data: pdf });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const s of [
      'ÖRNEK DOĞAL GAZ DAĞITIM A.Ş.',
      'DOĞAL GAZ FATURASI',
      'HTA2025000001207',
      'Ayşe Yılmaz',
      'Hoşnudiye Mah.',
      'İnönü',
      'ÖDENECEK TUTAR: 2.462,00 TL',
      'SON ÖDEME TARİHİ: 11.09.2025',
      'DOĞAL GAZ ACİL: 187',
      'Düzeltme katsayısı (K): 1,03083',
    ]) {
      assert.ok(text.replace(/ +/g, ' ').includes(s), `${page}: ${s} in\n${text}`);
    }
    // The QR is an image on the slip page too, not its text.
    assert.not.match(text, /QR: SAHA1/);
    assert.match(pdf.toString('latin1'), /\/Subtype \/Image/);
  }
});

test('the mailed A4 PDF is the reading layout: payable, due date and identity read back', async () => {
  const { r } = relay();
  const inv = JSON.parse(fixture).data;
  const mail = await r.compose(inv);
  const pdf = mail.attachments[0]!.content;
  const parser = new PDFParse({ data: pdf });
  const text = (await parser.getText()).text.replace(/[ \t]+/g, ' ');
  await parser.destroy();
  for (const s of [
    'e-ARŞİV FATURA',
    'Fatura No: HTA2025000001207',
    'ÖDENECEK TUTAR 2.462,00 TL',
    'Son ödeme tarihi: 11.09.2025',
    'Ayşe Yılmaz',
  ])
    assert.ok(text.includes(s), `${s} in\n${text}`);
  assert.not.match(text, /QR: SAHA1/, 'the QR is an image, not its text');
});

test('relay config: every problem at once, each with its key; defaults filled', () => {
  const bad = parseRelayConfig(JSON.stringify({ mqtt: { url: '' }, smtp: { host: 'x', port: 0 } }));
  assert.not.ok(bad.ok);
  const keys = !bad.ok ? bad.errors.map((e) => e.key) : [];
  for (const k of ['mqtt.url', 'mqtt.clientId', 'smtp.port', 'mail', 'distributor', 'ledgerDir'])
    assert.ok(keys.includes(k), `${k} in ${keys}`);
  const good = parseRelayConfig(readFileSync(new URL('../../../docs/examples/mail-relay.json', import.meta.url), 'utf8'));
  assert.ok(good.ok, JSON.stringify(!good.ok && good.errors));
  assert.is(good.ok && good.config.pdf.page, 'a4');
  assert.is(good.ok && good.config.retry.minMs, 1000);
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
test.run();
