/**
 * What device/install.sh puts in /opt/saha, laid out with `install.sh --stage DIR` (the same
 * install_app step, no root): the bundle and only the packages it loads at run time. The staged tree
 * answers `saha --version` and loads every runtime package (native bindings included) from its own
 * node_modules; the build tools are not in it. Prints the sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { APP_VERSION } from '../../../src/version.js';

const root = new URL('../../../', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'saha-installed-'));
const app = join(tmp, 'app');
const du = (p: string) => Number(spawnSync('du', ['-sk', p], { encoding: 'utf8' }).stdout.split('\t')[0]) * 1024;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

test.before(() => {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { encoding: 'utf8' });
  assert.is(build.status, 0, build.stderr);
  const r = spawnSync('/bin/sh', [join(root, 'device/install.sh'), '--stage', app], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stdout + r.stderr);
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('the staged tree runs: saha --version from scripts/saha.mjs and from the bundle', () => {
  for (const entry of ['scripts/saha.mjs', 'dist/saha.mjs']) {
    const r = spawnSync(process.execPath, [join(app, entry), '--version'], { encoding: 'utf8', cwd: tmp });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, `saha ${APP_VERSION}\n`);
  }
  assert.is(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version, APP_VERSION, 'src/version.ts follows package.json');
});

test('every package the bundle leaves external loads from the tree itself, native bindings included', () => {
  const externals = JSON.parse(readFileSync(join(app, 'dist/externals.json'), 'utf8')) as string[];
  const installed = externals.filter((p) => existsSync(join(app, 'node_modules', p)));
  for (const p of ['blessed', 'serialport', 'node-hid', 'pg', '@electric-sql/pglite']) assert.ok(installed.includes(p), `${p} shipped`);
  // ESM resolution from a module inside the tree, so nothing can come from the checkout.
  const probe = `
    for (const m of ${JSON.stringify(installed)}) await import(m);
    const { SerialPort } = await import('serialport'); await SerialPort.list().catch(() => []);
    await (await import('node-hid')).devicesAsync();
    await import('blessed/lib/widgets/screen.js');
    console.log('loaded ' + ${installed.length});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    encoding: 'utf8',
    cwd: app,
    env: { ...process.env, NODE_PATH: '' },
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), `loaded ${installed.length}`);
});

test('no build tools or bundled packages in node_modules; sizes', () => {
  for (const p of ['typescript', 'esbuild', 'tsx', 'uvu', 'aedes', 'mqtt', '@sinclair/typebox', '.bin'])
    assert.not.ok(existsSync(join(app, 'node_modules', p)), `${p} not shipped`);
  const total = du(app);
  const modules = du(join(app, 'node_modules'));
  const pglite = du(join(app, 'node_modules/@electric-sql'));
  const dist = du(join(app, 'dist'));
  console.log(
    `installed tree ${mb(total)}: dist ${mb(dist)}, node_modules ${mb(modules)} (PGlite ${mb(pglite)}, the rest ${mb(modules - pglite)}); checkout node_modules ${mb(du(join(root, 'node_modules/')))}`,
  );
  assert.ok(modules < 45 * 1048576, `node_modules ${mb(modules)}`);
});

test.run();
