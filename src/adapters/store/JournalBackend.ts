/**
 * The real store backend: an append-only journal (one JSON line per transaction, fsync'd before the
 * transaction is acknowledged) plus lowdb snapshot files per partition, written with temp → fsync →
 * rename → fsync dir. A commit costs one appended line whatever the size of the store; snapshots are
 * rewritten only at checkpoints, and only the partitions that changed.
 *
 * Layout under the data directory:
 *   journal.jsonl                      transactions since the last checkpoint
 *   snapshot/<collection>/<part>.json  lowdb files
 *   snapshot/checkpoint.json           last transaction number covered by a checkpoint
 *   recovered/                         torn journal tails and stale temp files, kept for inspection
 *   LOCK                               pid of the owning process
 *
 * Each journal line carries a checksum. A bad last line is a write cut short by a crash: it was
 * never acknowledged (acknowledgement follows fsync), so it is moved to recovered/ and dropped.
 * A bad line before the last one is corruption: start-up stops with Store_Corrupt.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { Collection, StartupReport } from '../../ports/Store.js';
import { acquireLock } from './dataDirLock.js';
import { DurableJsonFile, fsyncDir, plainCodec, writeFileDurably, type TextCodec } from './DurableJsonFile.js';
import type { JournalRecord, LoadedState, PartitionId, StoreBackend } from './StoreBackend.js';

const checksum = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

export interface JournalBackendOptions {
  codec?: TextCodec;
}

export class JournalBackend implements StoreBackend {
  private fh: FileHandle | undefined;
  private bytes = 0;
  private release: (() => Promise<void>) | undefined;
  private readonly codec: TextCodec;
  private readonly snapDir: string;
  private readonly journalFile: string;
  private readonly recoveredDir: string;

  constructor(private readonly dir: string, opts: JournalBackendOptions = {}) {
    this.codec = opts.codec ?? plainCodec;
    this.snapDir = join(dir, 'snapshot');
    this.journalFile = join(dir, 'journal.jsonl');
    this.recoveredDir = join(dir, 'recovered');
  }

  async load(): Promise<LoadedState> {
    await mkdir(this.snapDir, { recursive: true, mode: 0o700 });
    const lock = await acquireLock(join(this.dir, 'LOCK'));
    this.release = lock.release;
    const report: StartupReport = { staleTempFiles: [], journalRecordsReplayed: 0, ...(lock.stalePid !== undefined ? { staleLockPid: lock.stalePid } : {}) };
    try {
      const partitions = new Map<PartitionId, Record<string, unknown>>();
      for (const c of await readdir(this.snapDir, { withFileTypes: true })) {
        if (!c.isDirectory()) continue;
        const cdir = join(this.snapDir, c.name);
        for (const f of (await readdir(cdir)).sort()) {
          if (f.endsWith('.tmp')) {
            report.staleTempFiles.push(await this.moveAside(join(cdir, f), `${c.name}-${f}`));
            continue;
          }
          if (!f.endsWith('.json')) continue;
          const db = new Low<Record<string, unknown>>(new DurableJsonFile(join(cdir, f), this.codec), {});
          await db.read();
          partitions.set(`${c.name as Collection}/${f.slice(0, -5)}`, db.data);
        }
      }
      for (const f of await readdir(this.snapDir)) {
        if (f.endsWith('.tmp')) report.staleTempFiles.push(await this.moveAside(join(this.snapDir, f), f));
      }
      const cp = new Low<{ lastTx: number }>(new DurableJsonFile(join(this.snapDir, 'checkpoint.json'), plainCodec), { lastTx: 0 });
      await cp.read();
      const { journal, torn } = await this.readJournal();
      if (torn) report.tornJournalTail = torn;
      this.fh = await open(this.journalFile, 'a', 0o600);
      this.bytes = (await this.fh.stat()).size;
      const lastTx = Math.max(cp.data.lastTx, ...journal.map((r) => r.tx));
      return { partitions, journal, lastTx, report };
    } catch (e) {
      await this.release();
      throw e;
    }
  }

  private async moveAside(file: string, name: string): Promise<string> {
    await mkdir(this.recoveredDir, { recursive: true, mode: 0o700 });
    const to = join(this.recoveredDir, `${Date.now()}-${name}`);
    await rename(file, to);
    return to;
  }

  private async readJournal(): Promise<{ journal: JournalRecord[]; torn?: { bytes: number; keptAt: string } }> {
    let buf: Buffer;
    try {
      buf = await readFile(this.journalFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { journal: [] };
      throw new AppError(`cannot read ${this.journalFile}: ${(e as Error).message}`, ErrorCode.Store_Io, { cause: e });
    }
    const journal: JournalRecord[] = [];
    let pos = 0;
    let lineNo = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      const end = nl === -1 ? buf.length : nl;
      lineNo++;
      const rec = nl === -1 ? undefined : this.parseLine(buf.subarray(pos, end).toString('utf8'));
      if (!rec) {
        if (nl !== -1 && buf.indexOf(0x0a, nl + 1) !== -1) {
          throw new AppError(`store journal ${this.journalFile} is corrupt at line ${lineNo}; it was left in place for inspection`, ErrorCode.Store_Corrupt, { context: { file: this.journalFile, line: lineNo } });
        }
        // The tail: a record cut short by a crash or power loss. Keep its bytes, drop it.
        const tail = buf.subarray(pos);
        await mkdir(this.recoveredDir, { recursive: true, mode: 0o700 });
        const keptAt = join(this.recoveredDir, `${Date.now()}-journal-tail.bin`);
        await writeFile(keptAt, tail, { mode: 0o600 });
        const fh = await open(this.journalFile, 'r+');
        await fh.truncate(pos);
        await fh.sync();
        await fh.close();
        return { journal, torn: { bytes: tail.length, keptAt } };
      }
      journal.push(rec);
      pos = end + 1;
    }
    return { journal };
  }

  /** undefined = not a whole record (torn or damaged); throws when whole but unreadable (wrong key). */
  private parseLine(line: string): JournalRecord | undefined {
    let outer: { s: string; b: string };
    try {
      outer = JSON.parse(line) as { s: string; b: string };
    } catch {
      return undefined;
    }
    if (typeof outer.b !== 'string' || checksum(outer.b) !== outer.s) return undefined;
    try {
      return JSON.parse(this.codec.decode(outer.b)) as JournalRecord;
    } catch (e) {
      throw new AppError(`store journal ${this.journalFile} cannot be read: ${(e as Error).message}`, ErrorCode.Store_Corrupt, { cause: e, context: { file: this.journalFile } });
    }
  }

  async append(rec: JournalRecord, durable: boolean): Promise<void> {
    if (!this.fh) throw new AppError('store is not open', ErrorCode.Store_Closed);
    const b = this.codec.encode(JSON.stringify(rec));
    const line = JSON.stringify({ s: checksum(b), b }) + '\n';
    // One write call per record: a crash leaves at most one torn line, at the end.
    await this.fh.write(line);
    this.bytes += Buffer.byteLength(line);
    if (durable) await this.fh.datasync();
  }

  journalBytes(): number {
    return this.bytes;
  }

  async checkpoint(parts: Map<PartitionId, Record<string, unknown> | null>, lastTx: number): Promise<void> {
    if (!this.fh) throw new AppError('store is not open', ErrorCode.Store_Closed);
    // Unacknowledged appends are made durable first: the journal is about to be emptied.
    await this.fh.datasync();
    const dirs = new Set<string>();
    for (const [pid, entries] of parts) {
      const slash = pid.indexOf('/');
      const cdir = join(this.snapDir, pid.slice(0, slash));
      if (!dirs.has(cdir)) {
        await mkdir(cdir, { recursive: true, mode: 0o700 });
        dirs.add(cdir);
      }
      const file = new DurableJsonFile<Record<string, unknown>>(join(cdir, `${pid.slice(slash + 1)}.json`), this.codec);
      if (entries === null) {
        await file.remove();
      } else {
        const db = new Low(file, {});
        db.data = entries;
        await db.write();
      }
    }
    await writeFileDurably(join(this.snapDir, 'checkpoint.json'), JSON.stringify({ lastTx }));
    await this.fh.truncate(0);
    await this.fh.sync();
    this.bytes = 0;
  }

  async close(): Promise<void> {
    if (this.fh) {
      await this.fh.datasync().catch(() => undefined);
      await this.fh.close();
      this.fh = undefined;
    }
    if (this.release) await this.release();
    this.release = undefined;
    void fsyncDir;
  }
}
