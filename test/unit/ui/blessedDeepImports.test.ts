/**
 * runTui loads blessed's screen and box from blessed/lib/widgets (no public API loads fewer than all
 * 34 widgets; src/adapters/ui/runTui.ts). This pins that choice: the internal modules must be the
 * very constructors the public entry exposes, so a blessed upgrade that moves them fails here.
 */
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const require = createRequire(import.meta.url);

test('blessed/lib/widgets/screen.js and box.js are the public blessed.screen and blessed.box', async () => {
  const [screenMod, boxMod] = await Promise.all([import('blessed/lib/widgets/screen.js'), import('blessed/lib/widgets/box.js')]);
  const blessed = require('blessed') as { screen: unknown; box: unknown };
  assert.is(screenMod.default, blessed.screen);
  assert.is(boxMod.default, blessed.box);
  assert.is(
    (require('blessed/package.json') as { version: string }).version,
    '0.1.81',
    'upgrading blessed: check these paths, then this pin',
  );
});

test.run();
