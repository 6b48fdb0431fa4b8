/** The subcommands' argument reader (node:util parseArgs underneath): forms accepted, wording of refusals. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { one, parseArgs, required, wholeNumber } from '../../../src/cli/args.js';
import { isAppError } from '../../../src/core/errors/AppError.js';

const spec = { values: ['device', 'tariff', 'count'], repeat: ['tariff'], flags: ['json'] };

const refusal = (argv: string[]): string => {
  try {
    parseArgs(argv, spec);
  } catch (e) {
    assert.ok(isAppError(e, 'Input_Invalid'));
    return (e as Error).message;
  }
  return 'accepted';
};

test('--name value, --name=value, repeats, flags and positionals', () => {
  const p = parseArgs(['--device', 'd1', '--tariff=a.json', 'file', '--tariff', 'b.json', '--json', '--count', '-3'], spec);
  assert.equal(p.values, { device: ['d1'], tariff: ['a.json', 'b.json'], count: ['-3'] });
  assert.equal([...p.flags], ['json']);
  assert.equal(p.positional, ['file']);
  assert.is(one(p, 'device'), 'd1');
  assert.is(required(p, 'device'), 'd1');
  assert.throws(() => wholeNumber(p, 'count'), /--count must be a whole number, got "-3"/);
});

test('unknown, valueless, doubled and misused options are refused naming the option', () => {
  assert.is(refusal(['--devcie', 'd1']), 'unknown option --devcie');
  assert.is(refusal(['-x']), 'unknown option -x');
  assert.is(refusal(['--device']), '--device needs a value');
  assert.is(refusal(['--device', 'a', '--device=b']), '--device given twice');
  assert.is(refusal(['--json=no']), '--json takes no value');
  assert.throws(() => required(parseArgs([], spec), 'device'), /--device is required/);
});

test('after -- everything is positional', () => {
  assert.equal(parseArgs(['--', '--json'], spec).positional, ['--json']);
});

test.run();
