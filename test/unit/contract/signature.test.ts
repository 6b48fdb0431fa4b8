// Signed orders: Ed25519 over RFC 8785 canonical JSON without `sig`; several keys valid at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { isAppError, type AppError } from '../../../src/core/errors/AppError.js';
import { assertSigned, canonicalPayload, generateSigningKeyPair, signMessage, verifyMessage } from '../../../src/core/contract/index.js';
import { fixture, fixtureText } from './fixtures.js';

const key1 = { kid: 'test-2026-01', privateKey: fixtureText('keys/test-2026-01.key.pem') };
const key2 = { kid: 'test-2026-07', privateKey: fixtureText('keys/test-2026-07.key.pem') };
const pub1 = fixtureText('keys/test-2026-01.pub.pem');
const pub2 = fixtureText('keys/test-2026-07.pub.pem');
const deviceKeys = new Map([[key1.kid, pub1]]);
const job = fixture('jobs/job.assign.reading.json');
const reasonOf = (r: ReturnType<typeof verifyMessage>) => (r.ok ? 'ok' : r.reason);

test('canonical payload is RFC 8785: sorted keys, no whitespace, no sig', () => {
  const text = canonicalPayload({ b: 1, a: { d: 'ş', c: [2, 1] }, sig: 'xx', kid: 'k' });
  assert.is(text, '{"a":{"c":[2,1],"d":"ş"},"b":1,"kid":"k"}');
});

test('canonical payload does not depend on key order or spacing', () => {
  const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(job).reverse())));
  assert.is(canonicalPayload(reordered), canonicalPayload(job));
});

test('a good signature verifies and names its key', () => {
  const signed = signMessage(job, key1);
  assert.is(signed.kid, 'test-2026-01');
  assert.match(signed.sig, /^[A-Za-z0-9_-]{86}$/);
  assert.equal(verifyMessage(signed, deviceKeys), { ok: true, kid: 'test-2026-01' });
});

test('the committed signed samples verify with the test key', () => {
  for (const name of ['job.assign.reading', 'job.cancel', 'message', 'wipe']) {
    assert.is(reasonOf(verifyMessage(fixture(`signed/${name}.json`), deviceKeys)), 'ok', name);
  }
});

test('a message that went through JSON on the wire still verifies', () => {
  const wire = JSON.parse(JSON.stringify(signMessage(job, key1), null, 2));
  assert.is(reasonOf(verifyMessage(wire, deviceKeys)), 'ok');
});

test('an unsigned message is refused as unsigned, pointing at /sig', () => {
  const r = verifyMessage(job, deviceKeys);
  assert.is(reasonOf(r), 'unsigned');
  if (!r.ok) assert.is(r.error.path, '/sig');
  const { kid: _k, ...noKid } = signMessage(job, key1);
  assert.is(reasonOf(verifyMessage(noKid, deviceKeys)), 'unsigned');
});

test('a message signed with a key the device does not hold is unknown kid', () => {
  assert.is(reasonOf(verifyMessage(signMessage(job, key2), deviceKeys)), 'unknown-kid');
});

test('a signature made with the wrong key under a known kid is a bad signature', () => {
  const forged = signMessage(job, { kid: key1.kid, privateKey: key2.privateKey });
  assert.is(reasonOf(verifyMessage(forged, deviceKeys)), 'bad-signature');
});

test('any tampered field breaks the signature, including kid and nested fields', () => {
  const signed = signMessage(job, key1);
  const tamper: ((m: any) => void)[] = [
    (m) => (m.job.meter.lastIndex = 12346),
    (m) => (m.job.customer.name = 'Ayse Yilmaz'),
    (m) => (m.type = 'job.cancel'),
    (m) => (m.extra = true),
    (m) => delete m.job.notes,
    (m) => (m.sig = m.sig.slice(0, -2) + (m.sig.endsWith('AA') ? 'AB' : 'AA')),
  ];
  for (const t of tamper) {
    const m = structuredClone(signed);
    t(m);
    assert.is(reasonOf(verifyMessage(m, deviceKeys)), 'bad-signature', t.toString());
  }
  const otherKid = { ...signed, kid: 'test-2026-07' };
  assert.is(
    reasonOf(
      verifyMessage(
        otherKid,
        new Map([
          [key1.kid, pub1],
          [key2.kid, pub2],
        ]),
      ),
    ),
    'bad-signature',
  );
});

test('a sig that is not a signature at all is a bad signature', () => {
  assert.is(reasonOf(verifyMessage({ ...job, kid: key1.kid, sig: 'abc' }, deviceKeys)), 'bad-signature');
  assert.is(reasonOf(verifyMessage({ ...job, kid: key1.kid, sig: 42 }, deviceKeys)), 'bad-signature');
});

test('key rotation: with two keys held, messages signed by either verify', () => {
  const both = new Map<string, string | KeyObject>([
    [key1.kid, pub1],
    [key2.kid, createPublicKey(pub2)],
  ]);
  assert.equal(verifyMessage(signMessage(job, key1), both), { ok: true, kid: key1.kid });
  assert.equal(verifyMessage(signMessage(job, key2), both), { ok: true, kid: key2.kid });
  // After the old key is retired, its messages are refused.
  assert.is(reasonOf(verifyMessage(signMessage(job, key1), new Map([[key2.kid, pub2]]))), 'unknown-kid');
});

test('re-signing replaces an old signature instead of signing over it', () => {
  const twice = signMessage(signMessage(job, key1), key2);
  assert.equal(verifyMessage(twice, new Map([[key2.kid, pub2]])), { ok: true, kid: key2.kid });
});

test('a device key that is not Ed25519 is reported, not thrown', () => {
  assert.is(reasonOf(verifyMessage(signMessage(job, key1), new Map([[key1.kid, 'not a pem']]))), 'key-invalid');
});

test('assertSigned throws Signature_Invalid with the reason', () => {
  assert.is(assertSigned(signMessage(job, key1), deviceKeys), key1.kid);
  try {
    assertSigned(job, deviceKeys);
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e, 'Signature_Invalid'));
    assert.is((e as AppError).context.reason, 'unsigned');
  }
});

test('generated key pairs sign and verify', () => {
  const kp = generateSigningKeyPair();
  const signed = signMessage(job, { kid: 'fresh', privateKey: kp.privateKeyPem });
  assert.is(reasonOf(verifyMessage(signed, new Map([['fresh', kp.publicKeyPem]]))), 'ok');
});

test.run();
