/**
 * `saha doctor --repair-plan`: opens the store as the app would and says, for the damage found (and
 * then for every other case), what a technician can do on site. The rule behind every plan: never
 * delete or hand-edit a store file to get a terminal running. A file put back must be the exact
 * version the manifest names (its checksum is printed); anything else waits for the back office,
 * because a store started from less than it had can issue an invoice number a second time.
 *
 * Damage kinds come from the store's errors (context.damage, see adapters/store/checkStoreFiles.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { AppError } from '../core/errors/AppError.js';
import { fileSha, readManifest } from '../adapters/store/StoreManifest.js';
import { openDeviceStore } from '../provision/devicePaths.js';

export interface RepairCase {
  /** What start-up reports. */
  when: string;
  steps: string[];
}

const COPY_OFF = (dir: string) =>
  `copy the whole data directory off the device first, as it is: sudo tar -C ${dir} -czf /root/saha-store-$(date +%Y%m%d-%H%M).tgz . — and send it to the back office`;
const NO_NEW_STORE =
  'do not move the directory aside and start an empty store: its invoice, report and event numbers would start again at 1 and be issued a second time';

export function repairCases(dir: string): Record<string, RepairCase> {
  return {
    missing: {
      when: 'a store file is missing (snapshot partition, meta, checkpoint.json, manifest.json or journal.jsonl)',
      steps: [
        COPY_OFF(dir),
        `look for the file in the last backup or in ${join(dir, 'recovered')}; put it back only if its checksum is the one the manifest names (sha256sum FILE | cut -c1-32; this plan prints it for the file found missing)`,
        'snapshot/checkpoint.json alone may be rewritten from the manifest: this plan prints the exact line when the manifest is intact',
        NO_NEW_STORE,
      ],
    },
    differs: {
      when: 'a store file differs from the manifest (an older copy was put back, or it was edited)',
      steps: [
        COPY_OFF(dir),
        'put back the version whose checksum the manifest names (from the backup the older copy came from); the older copy is not the right one even if it looks complete',
        NO_NEW_STORE,
      ],
    },
    'rolled-back': {
      when: 'the manifest or the journal is older than the other (a whole directory or file restored from an older backup)',
      steps: [
        COPY_OFF(dir),
        'restore the journal and the snapshot directory from the same moment, or leave the store to the back office',
        NO_NEW_STORE,
      ],
    },
    extra: {
      when: 'a snapshot file is not in the manifest (copied in from elsewhere)',
      steps: [
        `move that one file out of ${join(dir, 'snapshot')} (into ${join(dir, 'recovered')}) and start again: it was never part of this store`,
      ],
    },
    foreign: {
      when: 'journal.jsonl belongs to another store (another device or an older installation)',
      steps: [
        COPY_OFF(dir),
        "put back this store's own journal.jsonl; the foreign one goes to the back office with the copy",
        NO_NEW_STORE,
      ],
    },
    'journal-line': {
      when: 'a whole journal line fails its checksum (the bytes changed after they were saved: failing storage or an edit)',
      steps: [
        COPY_OFF(dir),
        'replace the storage card: bytes that change after fsync mean the medium is failing',
        'the records before that line are intact; the back office holds every event the device delivered and decides how the store is rebuilt',
        NO_NEW_STORE,
      ],
    },
    'journal-gap': {
      when: 'journal records are missing in the middle (transaction numbers jump)',
      steps: [COPY_OFF(dir), 'the back office rebuilds the store from the copy and the events it received', NO_NEW_STORE],
    },
    manifest: {
      when: 'snapshot/manifest.json is damaged',
      steps: [
        COPY_OFF(dir),
        'put back manifest.json from the last backup only if the snapshot files are from that same backup; otherwise leave it to the back office',
        NO_NEW_STORE,
      ],
    },
    counter: {
      when: 'a counter is below the numbers already issued (a file with counters went back in time)',
      steps: [
        COPY_OFF(dir),
        'the store must not issue another number until the back office has set its counters above every number it has seen from this device',
        NO_NEW_STORE,
      ],
    },
    'disk-full': {
      when: 'the disk is full, or free space is below store.minFreeMB (new work is refused, recorded work is still sent)',
      steps: [
        'let the terminal deliver what it holds (connect it to the network): sent events free nothing on disk, but the back office then has them',
        `free space outside the store: old log files, and ${join(dir, 'recovered')} once copied off; never delete anything in ${join(dir, 'snapshot')} or journal.jsonl`,
        'saha doctor shows free space; new work is accepted again as soon as it is above the floor',
      ],
    },
    key: {
      when: 'the store is encrypted and the key is missing or wrong',
      steps: [
        'set security.storeKeyFile to the key file the store was written with (provisioning keeps it outside the data directory); a wrong key and altered data look the same, so try the right key before anything else',
      ],
    },
    locked: {
      when: 'the data directory is in use by another process',
      steps: ['stop the app first: sudo systemctl stop saha'],
    },
  };
}

function damageOf(e: unknown): string | undefined {
  if (!(e instanceof AppError)) return undefined;
  const { code, context } = e;
  if (code === 'Store_DiskFull' || code === 'Store_LowSpace') return 'disk-full';
  if (code === 'Store_NeedsKey' || (code === 'Store_Corrupt' && context.key === 'security.storeKeyFile')) return 'key';
  if (code === 'Store_Locked') return 'locked';
  if (typeof context.damage === 'string') return context.damage;
  return code === 'Store_Corrupt' ? 'differs' : undefined;
}

/** What the manifest says about the damaged file: the checksum a restored copy must have. */
async function manifestFacts(dir: string, file: string): Promise<string[]> {
  const snap = join(dir, 'snapshot');
  const m = await readManifest(join(snap, 'manifest.json')).catch(() => undefined);
  if (!m) return [];
  const out: string[] = [];
  const rel = relative(snap, file).replace(/\.json$/, '');
  const entry = m.files[rel as keyof typeof m.files];
  if (entry) {
    out.push(
      `the manifest names ${relative(dir, file)}: sha256 starting ${entry.sha}, ${entry.bytes} bytes, written at transaction ${entry.tx}`,
    );
    for (const hit of await findBySha(dir, entry.sha)) out.push(`a copy with exactly that checksum is at ${hit}: cp -p '${hit}' '${file}'`);
  }
  if (file.endsWith('checkpoint.json'))
    out.push(
      `checkpoint.json can be rewritten from the manifest: printf '%s' '${JSON.stringify({ lastTx: m.lastTx, manifest: true })}' > ${file}`,
    );
  return out;
}

async function findBySha(dir: string, sha: string): Promise<string[]> {
  const hits: string[] = [];
  const rec = join(dir, 'recovered');
  for (const f of await readdir(rec).catch(() => [] as string[])) {
    const p = join(rec, f);
    const bytes = await readFile(p).catch(() => undefined);
    if (bytes && fileSha(bytes) === sha) hits.push(p);
  }
  return hits;
}

export interface RepairPlan {
  healthy: boolean;
  lines: string[];
}

export async function repairPlan(config: Pick<Config, 'dataDir' | 'deviceId' | 'security'>): Promise<RepairPlan> {
  const dir = resolve(config.dataDir);
  const cases = repairCases(dir);
  const lines: string[] = [];
  let found: string | undefined;
  let healthy = true;
  try {
    const st = await openDeviceStore(config);
    const free = st.report.freeBytes;
    await st.close();
    lines.push(
      `store ${dir}: opens with every file consistent${free !== undefined ? `; ${(free / 1048576).toFixed(0)} MB free` : ''}. Nothing to repair.`,
    );
  } catch (e) {
    healthy = false;
    found = damageOf(e);
    lines.push(`store ${dir}: ${(e as Error).message}`);
    const c = found ? cases[found] : undefined;
    if (c) {
      lines.push('', `What to do (${c.when}):`);
      c.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`));
      const file = e instanceof AppError && typeof e.context.file === 'string' ? e.context.file : undefined;
      if (file) for (const f of await manifestFacts(dir, file)) lines.push(`     ${f}`);
    } else {
      lines.push('', `Not a known damage case: ${COPY_OFF(dir)}; then check ownership and permissions: sudo chown -R saha:saha ${dir}`);
    }
  }
  lines.push('', 'Every damage case and what a technician can do:');
  for (const [kind, c] of Object.entries(cases)) {
    if (kind === found) continue;
    lines.push(`- ${c.when}:`);
    for (const s of c.steps) lines.push(`    · ${s}`);
  }
  return { healthy, lines };
}
