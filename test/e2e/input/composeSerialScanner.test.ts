/**
 * compose() builds a SerialScanner for a device/input profile of kind "serial-scanner" and its scans
 * reach the app: the composed app (demo mode otherwise) with input.profile pointing at a folder that
 * holds a serial profile whose path is a socat pty. Needs socat (CI: required, test/helpers/serialPty.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { MemoryLogger } from '../../../src/adapters/log/MemoryLogger.js';
import type { InputEvent } from '../../../src/core/input/InputEvent.js';
import { ScannerPty, whenSocat } from '../../helpers/serialPty.js';
import { waitFor } from '../../helpers/waitFor.js';

whenSocat('compose with a serial scanner profile', () => {
  test('a serial-scanner profile becomes an input source: its barcode arrives as an app input event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saha-compose-serial-'));
    const profiles = join(dir, 'input');
    const pty = await new ScannerPty().plug();
    mkdirSync(profiles);
    writeFileSync(
      join(profiles, 'scanner.json'),
      JSON.stringify({ kind: 'serial-scanner', id: 'scanner', path: pty.hostPath, baudRate: 9600, delimiter: '\r\n' }),
    );
    const r = loadConfig({ env: { SAHA_DATA_DIR: join(dir, 'data'), SAHA_DEVICE_ID: 'HT-DEMO' } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    r.config.input.profile = profiles;
    const logger = new MemoryLogger();
    const c = await compose(r.config, { logger });
    const got: InputEvent[] = [];
    c.app.onInput((e) => got.push(e));
    try {
      await c.start();
      await waitFor(() => logger.lines.some((l) => l.includes('serial scanner open')), 'the scanner opened');
      await pty.write('SAYAC-424242\r\n');
      await waitFor(() => got.length > 0, 'the scan reached the app');
      assert.equal(
        got.map((e) => e.type === 'scan' && [e.source, e.code]),
        [['scanner', 'SAYAC-424242']],
      );
    } finally {
      await c.stop();
      await pty.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.run();
});
