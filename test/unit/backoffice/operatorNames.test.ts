/**
 * The relay's operator names (pdf.operatorsFile): the mailed PDF, A4 and slip page, prints
 * "Görevli: name (id)" as the handheld's slip does; an operator not in the file, or no file, by id.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { MailLedger } from '../../../src/backoffice/MailLedger.js';
import { MailRelay } from '../../../src/backoffice/MailRelay.js';
import { defaultFonts, renderInvoicePdf } from '../../../src/backoffice/invoicePdf.js';
import { parseOperatorNames, readOperatorNames } from '../../../src/backoffice/operatorNames.js';
import { parseRelayConfig } from '../../../src/backoffice/relayConfig.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const inv = JSON.parse(readFileSync(new URL('../../fixtures/contract/events/invoice.issued.json', import.meta.url), 'utf8')).data;
const distributor = { title: 'Örnek Doğal Gaz Dağıtım A.Ş.', address: 'Eskişehir', taxOffice: 'Eskişehir V.D.', taxNo: '1234567890' };
let dir: string;
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'saha-opnames-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

async function text(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: pdf });
  const t = (await parser.getText()).text;
  await parser.destroy();
  return t.replace(/[ \t]+/g, ' ');
}

test('the provisioning crew file (CSV with PINs, comments) and its JSON form: only id and name are read', () => {
  const csv = parseOperatorNames(
    '# crew\nop-17, Gülşen Yıldırım ,reader,4821\n9001,Oğuz Şahin,supervisor\n\nbad-line-without-name\n',
    'crew.csv',
  );
  assert.equal(
    [...csv],
    [
      ['op-17', 'Gülşen Yıldırım'],
      ['9001', 'Oğuz Şahin'],
    ],
  );
  const json = parseOperatorNames(
    JSON.stringify([{ operatorId: 'op-17', name: 'Gülşen Yıldırım', pin: '4821' }, { operatorId: 'x' }]),
    'c.json',
  );
  assert.equal([...json], [['op-17', 'Gülşen Yıldırım']]);
});

test('a missing file or broken JSON is a configuration error naming pdf.operatorsFile', () => {
  for (const f of [join(dir, 'none.csv'), join(dir, 'bad.json')]) {
    writeFileSync(join(dir, 'bad.json'), '[{');
    try {
      readOperatorNames(f);
      assert.unreachable(f);
    } catch (e) {
      assert.ok(isAppError(e, 'Config_Invalid'), String(e));
      assert.match((e as Error).message, 'pdf.operatorsFile');
    }
  }
});

test('the relay config takes pdf.operatorsFile, "" by default', () => {
  const base = JSON.parse(readFileSync(new URL('../../../docs/examples/mail-relay.json', import.meta.url), 'utf8'));
  const def = parseRelayConfig(JSON.stringify(base));
  assert.is(def.ok && def.config.pdf.operatorsFile, '');
  const set = parseRelayConfig(JSON.stringify({ ...base, pdf: { ...base.pdf, operatorsFile: '/etc/saha-mail-relay/crew.csv' } }));
  assert.is(set.ok && set.config.pdf.operatorsFile, '/etc/saha-mail-relay/crew.csv');
});

test('the mailed A4 PDF names the operator with the id; without a name, the id alone', async () => {
  writeFileSync(join(dir, 'crew.csv'), 'op-17,Gülşen Yıldırım\n');
  const relay = (names?: ReadonlyMap<string, string>) =>
    new MailRelay({
      ledger: new MailLedger(join(dir, 'ledger')),
      mailer: { send: async () => ({}) },
      owner: 'relay-1',
      from: 'f@example.com',
      distributor,
      page: 'a4',
      fonts: defaultFonts(),
      leaseMs: 60_000,
      retry: { minMs: 5, maxMs: 20 },
      messageIdDomain: 'example.com',
      log: () => undefined,
      ...(names ? { operatorNames: names } : {}),
    });
  const named = await text((await relay(readOperatorNames(join(dir, 'crew.csv'))).compose(inv)).attachments[0]!.content);
  assert.match(named, 'Görevli: Gülşen Yıldırım (op-17) Cihaz: HT-0042');
  const bare = await text((await relay().compose(inv)).attachments[0]!.content);
  assert.match(bare, 'Görevli: op-17 Cihaz: HT-0042');
  assert.not.match(bare, 'Gülşen');
  const other = await text((await relay(new Map([['9001', 'Oğuz Şahin']])).compose(inv)).attachments[0]!.content);
  assert.match(other, 'Görevli: op-17 Cihaz: HT-0042');
});

test('the slip page prints the name as the handheld does', async () => {
  const t = await text(await renderInvoicePdf(inv, distributor, { page: 'slip', fonts: defaultFonts(), operatorName: 'Gülşen Yıldırım' }));
  assert.match(t, 'Görevli: Gülşen Yıldırım (op-17)');
  assert.match(t, 'Cihaz: HT-0042');
});

test.run();
