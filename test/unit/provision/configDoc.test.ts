// The README's config reference is generated from the schema: this fails when it is stale
// (fix: npx tsx scripts/gen-config-doc.ts) and checks it covers every key with its env variable.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configKeys } from '../../../src/config/loadConfig.js';
import { renderConfigReference, withConfigReference } from '../../../scripts/gen-config-doc.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

test('README.md config reference is up to date with src/config/schema.ts (npx tsx scripts/gen-config-doc.ts)', () => {
  assert.ok(withConfigReference(readme) === readme, 'stale: run npx tsx scripts/gen-config-doc.ts');
});

test('the reference lists every key with its SAHA_ variable, under "Configuring a real device"', () => {
  const ref = renderConfigReference();
  for (const k of configKeys()) assert.match(ref, `| \`${k.path.join('.')}\` | \`${k.env}\` |`);
  assert.match(ref, '`SAHA_MQTT_URL`');
  const section = readme.indexOf('## Configuring a real device');
  const start = readme.indexOf('<!-- config-reference:start -->');
  assert.ok(section >= 0 && start > section, 'markers sit under "Configuring a real device"');
  assert.ok(readme.indexOf('\n## ', section + 3) > start, 'and before the next section');
});

test.run();
