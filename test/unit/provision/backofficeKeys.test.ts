/** Provisioning installs the back-office signing keys and switches signature checking on. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../../../src/compose.js';
import { provisionDevice } from '../../../src/provision/provisionDevice.js';
import type { ProvisionPlan } from '../../../src/provision/ProvisionPlan.js';
import { isAppError } from '../../../src/core/errors/AppError.js';
import { TEST_DISTRIBUTOR } from '../../helpers/distributor.js';

const keys = new URL('../../fixtures/contract/keys/', import.meta.url).pathname;

function plan(dir: string, backofficeKeys: string[]): ProvisionPlan {
  return {
    configDir: join(dir, 'etc'),
    dataDir: join(dir, 'data'),
    deviceId: 'HT-0042',
    invoiceSeries: 'HTA',
    infoSlipSeries: 'HTB',
    mqtt: { url: 'mqtt://127.0.0.1:1883' },
    printer: { profile: 'virtual-pty' },
    input: [],
    operators: [
      { operatorId: '1001', name: 'Okuyucu', role: 'reader', pin: '4321' },
      { operatorId: '9001', name: 'Şef', role: 'supervisor', pin: '8765' },
    ],
    backofficeKeys,
    // Device mode refuses the shipped sample distributor (src/config/loadConfig.ts).
    reference: { distributor: { ...TEST_DISTRIBUTOR } },
  };
}

test('public keys are copied to <config-dir>/keys and signatures become required', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-prov-'));
  try {
    const r = await provisionDevice(plan(dir, [join(keys, 'test-2026-01.pub.pem')]), { root: appRoot() });
    assert.is(r.config.security.requireSignatures, true);
    assert.is(r.config.security.publicKeysDir, join(dir, 'etc', 'keys'));
    assert.ok(existsSync(join(dir, 'etc', 'keys', 'test-2026-01.pub.pem')));
    assert.is(
      readFileSync(join(dir, 'etc', 'keys', 'test-2026-01.pub.pem'), 'utf8'),
      readFileSync(join(keys, 'test-2026-01.pub.pem'), 'utf8'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a private key given by mistake is refused before anything is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-prov-'));
  try {
    await provisionDevice(plan(dir, [join(keys, 'test-2026-01.key.pem')]), { root: appRoot() });
    assert.unreachable();
  } catch (e) {
    assert.ok(isAppError(e), String(e));
    assert.match((e as Error).message, 'backoffice-key');
    assert.not.ok(existsSync(join(dir, 'etc')), 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
