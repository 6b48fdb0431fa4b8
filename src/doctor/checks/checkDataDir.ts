import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../../config/schema.js';
import { isAppError } from '../../core/errors/AppError.js';
import { openDeviceStore } from '../../provision/devicePaths.js';
import { errText, pass, problem, warning, type CheckResult } from '../CheckResult.js';

export interface DataDirFacts {
  outboxDepth: number;
  oldestPendingAt: string | null;
  operators: number;
}

/**
 * The data directory opens as the app would open it: journal replayed, snapshots parsed, checksums
 * verified, lock taken and released. Run with the app stopped (the lock is exclusive).
 */
export async function checkDataDir(config: Config): Promise<{ results: CheckResult[]; facts?: DataDirFacts }> {
  const dir = resolve(config.dataDir);
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory())
    return { results: [problem('data dir', `${dir} does not exist`, `run provision, or: sudo install -d -m 700 -o saha -g saha ${dir}`)] };
  const results: CheckResult[] = [];
  let store;
  try {
    store = await openDeviceStore(config);
  } catch (e) {
    if (isAppError(e, 'Store_Locked'))
      return { results: [problem('data dir', errText(e), 'stop the app first: sudo systemctl stop saha')] };
    if (isAppError(e, 'Store_Corrupt')) {
      return {
        results: [
          problem(
            'data dir',
            errText(e),
            `do not delete it: it may hold unsent records and the numbers issued; copy ${dir} off the device for the back office; saha doctor --repair-plan`,
          ),
        ],
      };
    }
    if (isAppError(e, 'Store_Inconsistent'))
      return {
        results: [problem('data dir', errText(e), `do not delete or edit store files: run saha doctor --repair-plan for what to do`)],
      };
    if (isAppError(e, 'Store_DiskFull'))
      return { results: [problem('data dir', errText(e), `free space outside the store; saha doctor --repair-plan`)] };
    if (isAppError(e, 'Config_Invalid') || isAppError(e, 'Store_NeedsKey'))
      return { results: [problem('data dir', errText(e), 'fix security.storeKeyFile (the key the store was encrypted with)')] };
    return {
      results: [
        problem('data dir', `${dir} cannot be opened: ${errText(e)}`, `check ownership and permissions: sudo chown -R saha:saha ${dir}`),
      ],
    };
  }
  try {
    let oldest: string | null = null;
    for (const e of store.values('outbox')) {
      oldest = e.envelope.occurredAt;
      break;
    }
    const facts: DataDirFacts = { outboxDepth: store.size('outbox'), oldestPendingAt: oldest, operators: store.size('operators') };
    const extra = store.report.tornJournalTail
      ? `; a record cut short by a crash was dropped (kept at ${store.report.tornJournalTail.keptAt})`
      : '';
    results.push(
      pass('data dir', `${dir}: store opens, ${facts.outboxDepth} unsent record(s)${oldest ? ` (oldest ${oldest})` : ''}${extra}`),
    );
    if (store.report.checkpointAtStart?.startsWith('failed'))
      results.push(
        warning(
          'data dir',
          `the store's manifest could not be written at start (${store.report.checkpointAtStart}): damage to its files is not detected until it is`,
          'free space on the data directory, then run saha doctor again',
        ),
      );
    if ((st.mode & 0o077) !== 0)
      results.push(
        warning('data dir', `${dir} is mode ${(st.mode & 0o777).toString(8)}: customer data readable by other users`, `chmod 700 ${dir}`),
      );
    if (facts.operators === 0)
      results.push(
        problem(
          'operators',
          'no operators in the store: nobody can log in',
          'provision operators: npm run provision -- --operators FILE …',
        ),
      );
    else results.push(pass('operators', `${facts.operators} operator(s)`));
    return { results, facts };
  } finally {
    await store.close();
  }
}
