/** VKN and TCKN check digits (src/core/billing/taxId.ts), valid and invalid examples. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isValidTckn, isValidVkn, PLACEHOLDER_TCKN, taxIdProblem, billedTaxId } from '../../../src/core/billing/taxId.js';

test('VKN: valid numbers pass, one changed digit fails', () => {
  // 4540536920 is python-stdnum's documented valid example; the others were checked by hand.
  for (const v of ['4540536920', '1234567890', '9876543217', '3721052062']) {
    assert.ok(isValidVkn(v), v);
    const wrong = v.slice(0, 9) + String((Number(v[9]) + 1) % 10);
    assert.not.ok(isValidVkn(wrong), wrong);
  }
  for (const v of ['454053692', '45405369200', '454053692a', '']) assert.not.ok(isValidVkn(v), v);
});

test('VKN: a term of 9 counts 9 (not 0): 9 in position 9 with check digit worked by hand', () => {
  // position 9: t = (d + 1) mod 10 = 9 for d = 8, term 9; other digits 0: t_i = 10 − i, term (t × 2^(10−i)) mod 9
  // i=1: 9 → 9; i=2: 8×256 mod 9 = 5; i=3: 7×128 mod 9 = 5; i=4: 6×64 mod 9 = 6; i=5: 5×32 mod 9 = 7;
  // i=6: 4×16 mod 9 = 1; i=7: 3×8 mod 9 = 6; i=8: 2×4 mod 9 = 8; sum with i=9 (9) = 56 → check (10 − 6) mod 10 = 4
  assert.ok(isValidVkn('0000000084'));
  assert.not.ok(isValidVkn('0000000080'));
});

test('TCKN: valid numbers pass, wrong check digits and a leading zero fail', () => {
  assert.ok(isValidTckn('10000000146'));
  assert.ok(isValidTckn('12345678950'));
  assert.not.ok(isValidTckn('10000000147'), 'eleventh digit');
  assert.not.ok(isValidTckn('10000000156'), 'tenth digit');
  assert.not.ok(isValidTckn('01234567890'), 'leading zero');
  assert.not.ok(isValidTckn(PLACEHOLDER_TCKN), 'the placeholder is not a valid TCKN, it is accepted as itself');
});

test('taxIdProblem: placeholder for individuals, required for companies', () => {
  assert.is(taxIdProblem(undefined, false), undefined);
  assert.is(billedTaxId(undefined), '11111111111');
  assert.is(taxIdProblem('11111111111', false), undefined);
  assert.match(taxIdProblem(undefined, true)!, /required for a company/);
  assert.match(taxIdProblem('11111111111', true)!, /not the placeholder/);
  assert.is(taxIdProblem('4540536920', true), undefined);
  assert.match(taxIdProblem('4540536921', false)!, /VKN 4540536921 fails its check digit/);
  assert.match(taxIdProblem('10000000147', false)!, /TCKN 10000000147 fails its check digits/);
  assert.match(taxIdProblem('123', false)!, /neither a 10-digit VKN nor an 11-digit TCKN/);
});

test.run();
