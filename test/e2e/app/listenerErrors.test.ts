/**
 * A screen listener that throws (a UI bug) is written to the log and does not stop the others: the
 * composed app (demo mode, not started) with a notice and a status listener that throw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compose } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { MemoryLogger } from '../../../src/adapters/log/MemoryLogger.js';
import { waitFor } from '../../helpers/waitFor.js';

test('throwing notice and status listeners are logged; the next listener still gets the value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saha-listeners-'));
  const r = loadConfig({ env: { SAHA_DATA_DIR: dir, SAHA_DEVICE_ID: 'HT-DEMO' } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const logger = new MemoryLogger();
  const c = await compose(r.config, { logger });
  try {
    const notices: unknown[] = [];
    let statuses = 0;
    c.app.onNotice(() => {
      throw new RangeError('screen gone');
    });
    c.app.onNotice((n) => notices.push(n));
    c.app.onStatus(() => {
      throw new Error('status bar bug');
    });
    c.app.onStatus(() => {
      statuses++;
    });
    c.app.notify({ kind: 'jobs-arrived', count: 2 });
    c.app.statusChanged();
    await waitFor(() => statuses > 0, 'the second status listener ran');
    assert.equal(notices, [{ kind: 'jobs-arrived', count: 2 }]);
    const errors = logger.lines.filter((l) => l.startsWith('error '));
    assert.ok(
      errors.some((l) => l.includes('notice listener threw') && l.includes('RangeError: screen gone')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((l) => l.includes('status listener threw') && l.includes('Error: status bar bug')),
      errors.join('\n'),
    );
  } finally {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
