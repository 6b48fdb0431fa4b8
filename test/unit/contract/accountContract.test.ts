/**
 * The account additions of contract v1 (docs/invoice.md): job.assign may carry account, customer
 * taxId/company/eInvoiceRegistered and meter.class, all optional; the device and the office's
 * route checks refuse a wrong tax id the same way; the route CSV carries the new columns.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRouteCsv } from '../../../src/backoffice/routeFile.js';
import { parseInbound, type InboundRejection } from '../../../src/core/contract/index.js';
import { bytes, clone, fixture, JOBS, LIMITS } from './fixtures.js';

const reading = fixture('jobs/job.assign.reading.json');
const withJob = (f: (job: any) => void) => {
  const m = clone(reading);
  f(m.job);
  return parseInbound(JOBS, bytes(m), LIMITS);
};
const errors = (r: ReturnType<typeof parseInbound>) => (r.kind === 'rejected' ? (r as InboundRejection).errors : []);

test('a job without any of the additions is still accepted (v1 stays backwards compatible)', () => {
  assert.is(parseInbound(JOBS, bytes(reading), LIMITS).kind, 'job');
});

test('a job with the account, a valid VKN, company and meter class is accepted and typed', () => {
  const r = withJob((j) => {
    j.customer.taxId = '4540536920';
    j.customer.company = true;
    j.customer.eInvoiceRegistered = false;
    j.meter.class = 'G4';
    j.account = {
      previousCarry: '-0.37',
      charges: [{ code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' }],
      previousDebt: '3125.40',
    };
  });
  assert.is(r.kind, 'job', JSON.stringify(errors(r)));
  if (r.kind === 'job' && r.message.type === 'job.assign') assert.is(r.message.job.account?.charges?.[0]?.amount, '206.00');
});

test('tax id check digits, a company without one, a bad class and a bad charge are refused with paths', () => {
  const cases: [(j: any) => void, string, RegExp][] = [
    [(j) => (j.customer.taxId = '4540536921'), '/job/customer/taxId', /VKN 4540536921 fails its check digit/],
    [(j) => (j.customer.taxId = '10000000147'), '/job/customer/taxId', /TCKN 10000000147 fails/],
    [(j) => (j.customer.company = true), '/job/customer/taxId', /required for a company customer/],
    [(j) => (j.meter.class = 'G5'), '/job/meter/class', /./],
    [(j) => (j.account = { charges: [{ code: 'a:b', description: '', amount: '1', vatRate: '0.2' }] }), '/job/account/charges/0/code', /./],
    [(j) => (j.account = { previousCarry: 0.37 }), '/job/account/previousCarry', /./],
  ];
  for (const [f, path, re] of cases) {
    const e = errors(withJob(f));
    const hit = e.find((x) => x.path === path);
    assert.ok(hit, `${path}: ${JSON.stringify(e)}`);
    assert.match(hit!.message, re);
  }
  assert.is(withJob((j) => (j.customer.taxId = '11111111111')).kind, 'job', 'the placeholder for an individual');
});

const HEADER =
  'jobId,kind,dueDate,customer.installationNo,customer.contractAccount,customer.name,customer.address,meter.serial,meter.digits,meter.lastIndex,meter.lastReadDate,tariffGroup,customer.taxId,customer.company,meter.class,account.previousCarry,account.charges,account.previousDebt';
const csvRow = (taxId: string, charges: string) =>
  `J-1,reading,2026-02-01,4000123456,CA-1,Ayşe Yılmaz,İnönü Cad. No 1,G4-1,5,12345,2026-01-01,ESGAZ-K1,${taxId},hayır,G4,"0,37",${charges},125.50`;

test("route CSV: account columns become the job's account; charges as CODE:AMOUNT:VATRATE|…", () => {
  const r = parseRouteCsv(`${HEADER}\n${csvRow('10000000146', 'reconnection:206.00:0.20|deposit:250:0:Güvence bedeli 2/6')}\n`);
  assert.ok(r.ok, JSON.stringify(r));
  const j = r.jobs[0]!;
  assert.equal(j.account, {
    previousCarry: '0.37',
    charges: [
      { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
      { code: 'deposit', description: 'Güvence bedeli 2/6', amount: '250', vatRate: '0' },
    ],
    previousDebt: '125.50',
  });
  assert.is(j.customer.taxId, '10000000146');
  assert.is(j.meter.class, 'G4');
});

test('route CSV: a bad tax id and a bad charge are named by row and column', () => {
  const r = parseRouteCsv(`${HEADER}\n${csvRow('10000000147', 'reconnection:206.00')}\n`);
  assert.not.ok(r.ok);
  if (r.ok) return;
  const at = (col: string) => r.problems.find((p) => p.column === col)?.message ?? '';
  assert.match(at('customer.taxId'), /TCKN 10000000147 fails its check digits/);
  assert.match(at('account.charges'), /VAT rate "" must be a fraction/);
});

test.run();
