import { test } from 'uvu';
import * as assert from 'uvu/assert';
test('one', () => { assert.is(1, 1); });
test('two', () => { assert.is(2, 2); });
test.run();
