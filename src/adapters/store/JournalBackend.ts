/**
 * The real store backend: an append-only journal (one checksummed line per transaction, fsync'd
 * before the transaction is acknowledged) plus snapshot files per partition, written with temp →
 * fsync → rename → fsync dir. A commit costs one appended line whatever the size of the store;
 * snapshots are rewritten only at checkpoints, and only the partitions that changed.
 *
 * Layout under the data directory:
 *   journal.jsonl                      header line, then transactions since the last checkpoint
 *   snapshot/<collection>/<part>.json  one file per partition (see partitions.ts)
 *   snapshot/manifest.json             files, checksums, tx range, counters (StoreManifest.ts)
 *   snapshot/checkpoint.json           last transaction covered by the snapshots
 *   recovered/                         torn journal tails and stale temp files, kept for inspection
 *   LOCK                               pid of the owning process
 *
 * Whole or not at all: every write's byte count is checked and short writes are retried
 * (storeFs.writeWhole). A write or fsync that fails rejects the transaction with Store_DiskFull /
 * Store_Io, nothing is acknowledged, and the journal is cut back to the end of the last whole record
 * before anything else is appended, so a later record never lands on a fragment (issue 15: after a
 * full disk the next record was glued onto a 410-byte fragment and the device did not start again).
 *
 * Start-up: see journalLines.ts for torn tail vs corruption, checkStoreFiles.ts for the cross-check
 * of manifest, checkpoint, snapshot files and journal.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { Collection, StartupReport } from '../../ports/Store.js';
import { checkStoreFiles } from './checkStoreFiles.js';
import { acquireLock } from './dataDirLock.js';
import { plainCodec, removeDurably, tempNameFor, writeFileDurably, type TextCodec } from './DurableJsonFile.js';
import { partitionBytes } from './partitionBytes.js';
import { decodeStored, encodeHeaderLine, encodeRecordLine, parseJournal, type ParsedJournal } from './journalLines.js';
import { nodeFs, readStoreFile, writeFailure, writeWhole, type StoreFileHandle, type StoreFs } from './storeFs.js';
import { encodeManifest, fileSha, newManifest, readManifest, type Manifest, type ManifestFile } from './StoreManifest.js';
import type { JournalRecord, LoadedState, PartitionId, StoreBackend } from './StoreBackend.js';

export interface JournalBackendOptions {
  codec?: TextCodec;
  /** Where writes go; tests pass a FaultyFs to fill the disk at every write point. */
  fs?: StoreFs;
}

const checkpointText = (lastTx: number) => JSON.stringify({ lastTx, manifest: true });

export class JournalBackend implements StoreBackend {
  private fh: StoreFileHandle | undefined;
  /** Bytes of the journal that hold whole records: where the next record starts. */
  private good = 0;
  /** Bytes of the journal's header line (0 for a journal written before headers). */
  private headerBytes = 0;
  /** A failed append may have left bytes after `good` that could not be cut off yet. */
  private fragment = false;
  private release: (() => Promise<void>) | undefined;
  private manifest: Manifest = newManifest();
  /** The journal was restarted for `manifest` but manifest.json could not be written yet. */
  private manifestUnwritten = false;
  /** Versions written by checkpoint attempts that did not commit, per partition ('' = removed). */
  private readonly uncommitted = new Map<PartitionId, Set<string>>();
  private readonly codec: TextCodec;
  private readonly fs: StoreFs;
  private readonly snapDir: string;
  private readonly journalFile: string;
  private readonly recoveredDir: string;

  constructor(
    private readonly dir: string,
    opts: JournalBackendOptions = {},
  ) {
    this.codec = opts.codec ?? plainCodec;
    this.fs = opts.fs ?? nodeFs;
    this.snapDir = join(dir, 'snapshot');
    this.journalFile = join(dir, 'journal.jsonl');
    this.recoveredDir = join(dir, 'recovered');
  }

  private partFile(pid: PartitionId): string {
    const slash = pid.indexOf('/');
    return join(this.snapDir, pid.slice(0, slash), `${pid.slice(slash + 1)}.json`);
  }

  async load(): Promise<LoadedState> {
    await mkdir(this.snapDir, { recursive: true, mode: 0o700 });
    const lock = await acquireLock(join(this.dir, 'LOCK'));
    this.release = lock.release;
    const report: StartupReport = {
      staleTempFiles: [],
      journalRecordsReplayed: 0,
      ...(lock.stalePid !== undefined ? { staleLockPid: lock.stalePid } : {}),
    };
    try {
      // 1. Leftovers of interrupted writes: the previous file is intact; move them aside.
      const stored = new Map<PartitionId, { sha: string; path: string; bytes: Buffer }>();
      for (const c of await readdir(this.snapDir, { withFileTypes: true })) {
        if (!c.isDirectory()) continue;
        const cdir = join(this.snapDir, c.name);
        for (const f of (await readdir(cdir)).sort()) {
          if (f.endsWith('.tmp')) {
            report.staleTempFiles.push(await this.moveAside(join(cdir, f), `${c.name}-${f}`));
            continue;
          }
          if (!f.endsWith('.json')) continue;
          const path = join(cdir, f);
          const bytes = await this.readStored(path);
          stored.set(`${c.name as Collection}/${f.slice(0, -5)}`, { sha: fileSha(bytes), path, bytes });
        }
      }
      for (const f of await readdir(this.snapDir)) {
        if (f.endsWith('.tmp')) report.staleTempFiles.push(await this.moveAside(join(this.snapDir, f), f));
      }
      // Only the journal's own temp file: other components may keep files in the data directory.
      const journalTmp = tempNameFor(this.journalFile);
      if (
        await stat(journalTmp).then(
          () => true,
          () => false,
        )
      )
        report.staleTempFiles.push(await this.moveAside(journalTmp, 'journal.jsonl.tmp'));

      // 2. Read everything: damaged bytes are Store_Corrupt naming the file (and line) ...
      const partitions = new Map<PartitionId, Record<string, unknown>>();
      for (const [pid, s] of stored) {
        try {
          partitions.set(pid, JSON.parse(decodeStored(s.bytes.toString('utf8'), this.codec, s.path)) as Record<string, unknown>);
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw new AppError(
            `store file ${s.path} is corrupt (${(e as Error).message}); it was left in place for inspection`,
            ErrorCode.Store_Corrupt,
            { cause: e, context: { file: s.path, damage: 'differs' } },
          );
        }
      }
      const manifest = await readManifest(join(this.snapDir, 'manifest.json'));
      const pending = await readManifest(join(this.snapDir, 'manifest.pending.json'));
      const checkpoint = await this.readCheckpoint();
      const journal = await this.readJournal();
      // 3. ... then whole files are checked against each other (missing, older, extra, foreign).
      const verdict = checkStoreFiles({
        dir: this.dir,
        ...(manifest ? { manifest } : {}),
        ...(pending ? { pending } : {}),
        ...(checkpoint ? { checkpoint } : {}),
        files: stored,
        ...(journal
          ? {
              journal: {
                ...(journal.header ? { header: journal.header } : {}),
                records: journal.records.map((r) => ({ tx: r.rec.tx, line: r.line })),
              },
            }
          : {}),
      });
      if (journal?.tornAt !== undefined) report.tornJournalTail = await this.cutTornTail(journal.tornAt);

      if (verdict.manifest) this.manifest = verdict.manifest;
      // A full rewrite lists exactly the partitions it writes: entries of files that no longer
      // exist must not be carried over. Until it succeeds the engine keeps every partition dirty.
      if (verdict.rewriteAll) this.manifest = { ...this.manifest, files: {} };
      if (pending) for (const [pid, e] of Object.entries(pending.files)) this.remember(pid as PartitionId, e.sha, ...(e.alt ?? []));

      this.fh = await this.fs.open(this.journalFile, 'a', 0o600);
      this.good = (await this.fh.stat()).size;
      this.headerBytes = journal?.header ? encodeHeaderLine(journal.header).length : 0;
      const records = (journal?.records ?? []).map((r) => r.rec).filter((r) => r.tx > verdict.replayAfter);
      const lastTx = Math.max(checkpoint?.lastTx ?? 0, manifest?.lastTx ?? 0, ...(journal?.records ?? []).map((r) => r.rec.tx));
      return {
        partitions,
        journal: records,
        lastTx,
        report,
        rewriteAll: verdict.rewriteAll,
        counterFloor: verdict.counterFloor,
        fileOf: (pid) => this.partFile(pid),
      };
    } catch (e) {
      await this.fh?.close().catch(() => undefined);
      this.fh = undefined;
      await this.release();
      this.release = undefined;
      throw e;
    }
  }

  private async readStored(path: string): Promise<Buffer> {
    const bytes = await readStoreFile(path);
    if (!bytes) throw new AppError(`cannot read ${path}: it vanished during start-up`, ErrorCode.Store_Io, { context: { file: path } });
    return bytes;
  }

  private async readCheckpoint(): Promise<{ lastTx: number; manifest?: boolean } | undefined> {
    const file = join(this.snapDir, 'checkpoint.json');
    const bytes = await readStoreFile(file);
    if (!bytes) return undefined;
    const text = bytes.toString('utf8');
    try {
      const cp = JSON.parse(text) as { lastTx: unknown; manifest?: unknown };
      if (!Number.isInteger(cp.lastTx)) throw new Error('no lastTx');
      // Only the exact text a checkpoint writes counts as written with a manifest: an edited key is damage.
      const exact = text === checkpointText(cp.lastTx as number);
      return { lastTx: cp.lastTx as number, ...(exact ? { manifest: true } : {}) };
    } catch (e) {
      throw new AppError(
        `store file ${file} is corrupt (${(e as Error).message}); it was left in place for inspection`,
        ErrorCode.Store_Corrupt,
        { cause: e, context: { file, damage: 'differs' } },
      );
    }
  }

  private async moveAside(file: string, name: string): Promise<string> {
    await mkdir(this.recoveredDir, { recursive: true, mode: 0o700 });
    const to = join(this.recoveredDir, `${Date.now()}-${name}`);
    await rename(file, to);
    return to;
  }

  private async readJournal(): Promise<ParsedJournal | undefined> {
    const buf = await readStoreFile(this.journalFile);
    return buf ? parseJournal(buf, this.journalFile, this.codec) : undefined;
  }

  /** A record cut short by a crash or power loss: never acknowledged. Keep its bytes, drop it. */
  private async cutTornTail(at: number): Promise<{ bytes: number; keptAt: string }> {
    const tail = (await readFile(this.journalFile)).subarray(at);
    let keptAt = '';
    try {
      await mkdir(this.recoveredDir, { recursive: true, mode: 0o700 });
      keptAt = join(this.recoveredDir, `${Date.now()}-journal-tail.bin`);
      await writeFile(keptAt, tail, { mode: 0o600 });
    } catch {
      // A full disk must not keep the device from starting: the tail was never acknowledged.
      keptAt = '';
    }
    const fh = await this.fs.open(this.journalFile, 'r+');
    try {
      await fh.truncate(at);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return { bytes: tail.length, keptAt };
  }

  async append(rec: JournalRecord, durable: boolean): Promise<void> {
    if (!this.fh) throw new AppError('store is not open', ErrorCode.Store_Closed);
    const what = `transaction ${rec.tx}`;
    if (this.fragment) {
      // An earlier append failed and its bytes could not be cut off then: do it before writing.
      try {
        await this.fh.truncate(this.good);
        await this.fh.datasync();
        this.fragment = false;
      } catch (e) {
        throw writeFailure(e, this.journalFile, what);
      }
    }
    const line = encodeRecordLine(rec, this.codec);
    try {
      // One record, written whole: a crash leaves at most one torn line, at the end.
      await writeWhole(this.fh, line);
      if (durable) await this.fh.datasync();
    } catch (e) {
      this.fragment = true;
      try {
        await this.fh.truncate(this.good);
        await this.fh.datasync();
        this.fragment = false;
      } catch {
        // Still a fragment: the next append cuts it first; start-up drops it as a torn tail.
      }
      throw writeFailure(e, this.journalFile, what);
    }
    this.good += line.length;
  }

  journalBytes(): number {
    return this.good - this.headerBytes;
  }

  async freeBytes(): Promise<number> {
    return this.fs.freeBytes(this.dir);
  }

  private remember(pid: PartitionId, ...shas: string[]): void {
    let s = this.uncommitted.get(pid);
    if (!s) this.uncommitted.set(pid, (s = new Set()));
    for (const sha of shas) s.add(sha);
  }

  /**
   * Order of writes, each durable before the next (a crash between any two is read back by
   * checkStoreFiles): journal fsync → manifest.pending.json (every new file's checksum, plus
   * versions of attempts that did not commit) → snapshot files → checkpoint.json → a new journal
   * whose header names this checkpoint (temp + rename: from here the pending manifest is the one in
   * force) → manifest.json → remove manifest.pending.json. A failure before the journal restart
   * leaves the old journal in use and valid; after it, the manifest is written first thing next time.
   */
  async checkpoint(
    parts: Map<PartitionId, Record<string, unknown> | null>,
    lastTx: number,
    counters: Record<string, number> = {},
  ): Promise<void> {
    if (!this.fh) throw new AppError('store is not open', ErrorCode.Store_Closed);
    const step = async <T>(file: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (e) {
        throw writeFailure(e, file, 'checkpoint');
      }
    };
    const manifestFile = join(this.snapDir, 'manifest.json');
    const pendingFile = join(this.snapDir, 'manifest.pending.json');
    if (this.manifestUnwritten) {
      await step(manifestFile, () => writeFileDurably(manifestFile, encodeManifest(this.manifest), this.fs));
      this.manifestUnwritten = false;
      await step(pendingFile, () => removeDurably(pendingFile, this.fs));
    }
    // Unacknowledged appends are made durable first: the journal is about to be restarted.
    await step(this.journalFile, () => this.fh!.datasync());
    const files: Record<PartitionId, ManifestFile> = { ...this.manifest.files };
    const texts = new Map<PartitionId, Buffer | null>();
    for (const [pid, entries] of parts) {
      if (entries === null) {
        delete files[pid];
        texts.set(pid, null);
      } else {
        const bytes = partitionBytes(entries, this.codec);
        files[pid] = { sha: fileSha(bytes), bytes: bytes.length, tx: lastTx };
        texts.set(pid, bytes);
      }
    }
    const next: Manifest = { v: 1, id: this.manifest.id, lastTx, files, counters };
    const pendingFiles: Record<PartitionId, ManifestFile> = {};
    for (const pid of new Set<PartitionId>([...Object.keys(files), ...texts.keys(), ...this.uncommitted.keys()] as PartitionId[])) {
      const alt = [...(this.uncommitted.get(pid) ?? [])];
      const base = files[pid] ?? { sha: '', bytes: 0, tx: lastTx };
      pendingFiles[pid] = alt.length ? { ...base, alt } : base;
    }
    await step(pendingFile, () => writeFileDurably(pendingFile, encodeManifest({ ...next, files: pendingFiles }), this.fs));
    for (const [pid, bytes] of texts) this.remember(pid, bytes ? fileSha(bytes) : '');

    for (const [pid, bytes] of texts) {
      const file = this.partFile(pid);
      if (bytes === null) {
        await step(file, () => removeDurably(file, this.fs));
      } else {
        await step(file, () => mkdir(join(file, '..'), { recursive: true, mode: 0o700 }));
        await step(file, () => writeFileDurably(file, bytes, this.fs));
      }
    }
    const cpFile = join(this.snapDir, 'checkpoint.json');
    await step(cpFile, () => writeFileDurably(cpFile, checkpointText(lastTx), this.fs));
    await this.restartJournal(next);
    this.manifest = next;
    this.uncommitted.clear();
    this.manifestUnwritten = true;
    await step(manifestFile, () => writeFileDurably(manifestFile, encodeManifest(next), this.fs));
    this.manifestUnwritten = false;
    await step(pendingFile, () => removeDurably(pendingFile, this.fs));
  }

  /** The journal starts again with a header naming the checkpoint; until it does, the old one stays valid. */
  private async restartJournal(m: Manifest): Promise<void> {
    const header = encodeHeaderLine({ id: m.id, base: m.lastTx });
    try {
      await writeFileDurably(this.journalFile, header, this.fs);
    } catch (e) {
      throw writeFailure(e, this.journalFile, 'checkpoint');
    }
    await this.fh!.close().catch(() => undefined);
    this.fh = await this.fs.open(this.journalFile, 'a', 0o600);
    this.good = header.length;
    this.headerBytes = header.length;
    this.fragment = false;
  }

  async close(): Promise<void> {
    if (this.fh) {
      if (this.fragment) await this.fh.truncate(this.good).catch(() => undefined);
      await this.fh.datasync().catch(() => undefined);
      await this.fh.close();
      this.fh = undefined;
    }
    if (this.release) await this.release();
    this.release = undefined;
  }
}
