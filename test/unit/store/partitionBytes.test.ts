/**
 * A partition's snapshot bytes are built entry by entry for the plain codec (issue 19, memory):
 * they must be exactly what JSON.stringify of the whole partition gives, so a store written before
 * and after reads the same and the manifest's checksums describe the same text.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { partitionBytes } from '../../../src/adapters/store/partitionBytes.js';
import { plainCodec, type TextCodec } from '../../../src/adapters/store/DurableJsonFile.js';

const job = (i: number) => ({
  job: { jobId: `J-${i}`, routeSeq: i, customer: { name: 'Şükrü Güneş', address: `İnönü Sok. No:${i} "A" \\ Tepebaşı\n` } },
  state: 'open',
  workIds: [`W-${i}`],
  note: undefined,
});

test('the same bytes as JSON.stringify, across many chunks, with Turkish letters and escapes', () => {
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < 3000; i++) entries[`DEMO-${String(i).padStart(5, '0')}`] = job(i);
  const bytes = partitionBytes(entries, plainCodec);
  assert.ok(bytes.length > 4 * 64 * 1024, 'spans several chunks');
  assert.equal(bytes.toString('utf8'), JSON.stringify(entries));
  assert.equal(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(entries)));
});

test('key order, undefined values and empty partitions as JSON.stringify has them', () => {
  const entries: Record<string, unknown> = { b: 1, '10': 'ten', a: undefined, '2': null, '000000000003': { seq: 3 }, c: () => 1 };
  assert.equal(partitionBytes(entries, plainCodec).toString('utf8'), JSON.stringify(entries));
  assert.equal(partitionBytes({}, plainCodec).toString('utf8'), '{}');
  assert.equal(partitionBytes({ only: undefined }, plainCodec).toString('utf8'), '{}');
});

test('another codec (an encrypted store) gets the whole text at once', () => {
  const seen: string[] = [];
  const codec: TextCodec = {
    encode: (s) => (seen.push(s), `sealed:${s.length}`),
    decode: (s) => s,
  };
  const entries = { a: { x: 'ğ' }, b: [1, 2] };
  assert.equal(partitionBytes(entries, codec).toString('utf8'), `sealed:${JSON.stringify(entries).length}`);
  assert.equal(seen, [JSON.stringify(entries)]);
});

test.run();
