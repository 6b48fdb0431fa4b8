/** The one validation helper: every problem at once, each by key, worded for a technician. */
import { Type } from '@sinclair/typebox';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { check } from '../../../src/core/validation/index.js';

const Schema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1 }),
    start: Type.String({ pattern: '^[0-2][0-9]:[0-5][0-9]$', errorMessage: 'must be a time HH:MM' }),
    phase: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after')], { default: 'before' })),
    keymap: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
    'a/b': Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

test('a good value comes back typed, with defaults filled in on a copy', () => {
  const raw = { name: 'x', days: [1, 2], start: '08:30' };
  const r = check(Schema, raw, { defaults: true });
  assert.ok(r.ok);
  if (r.ok) assert.is(r.value.phase, 'before');
  assert.not.ok('phase' in raw);
});

test('every problem at once, one per key, in the order of the file', () => {
  const r = check(Schema, { days: [1, 9, 'x'], start: '8.30', phase: 'during', colour: 'red', keymap: { '0x3a': 'yes' }, 'a/b': 1 });
  assert.ok(!r.ok);
  if (r.ok) return;
  assert.equal(
    r.errors.map((e) => [e.key, e.code, e.message]),
    [
      ['name', 'required', 'is required'],
      ['colour', 'unknown-key', 'unknown key (known: name, days, start, phase, keymap, a/b)'],
      ['days[1]', 'range', 'must be a whole number 1–7 (got 9)'],
      ['days[2]', 'type', 'must be a whole number 1–7 (got "x")'],
      ['start', 'type', 'must be a time HH:MM (got "8.30")'],
      ['phase', 'type', 'must be one of "before", "after" (got "during")'],
      ['keymap.0x3a', 'type', 'must be true or false (got "yes")'],
      ['a/b', 'type', 'must be true or false (got 1)'],
    ],
  );
});

test('rules beyond the schema join the same list; a key keeps its first problem; prefix and root', () => {
  const r = check(
    Schema,
    { name: '', days: [], start: '09:00' },
    {
      keyPrefix: 'work',
      rules: (v, report) => {
        report('days', 'never reported: the schema already did', 'duplicate');
        report('start', 'must be before the end');
        report('', 'whole thing', 'invalid');
      },
    },
  );
  assert.ok(!r.ok);
  if (r.ok) return;
  assert.equal(
    r.errors.map((e) => `${e.key} ${e.code}`),
    ['work.name type', 'work.days empty', 'work.start invalid', 'work invalid'],
  );
  const root = check(Schema, [1]);
  assert.equal(!root.ok && root.errors, [{ key: '(root)', code: 'not-object', message: 'must be an object' }]);
});

test.run();
