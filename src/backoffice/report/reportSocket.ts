/**
 * `saha report` against a running ingest on PGlite. PGlite is PostgreSQL inside one process, with no
 * postmaster to accept a second connection, and its data directory is locked to that process
 * (db/dataDirLock.ts). So the process that holds the database answers report requests itself, over
 * a Unix socket next to the directory (`<dir>.report.sock`, mode 0600: the same user as the data):
 * the request is one JSON line with the filter, the answer one JSON line with the report or an
 * error. The report's queries then run through the same Database as ingest's batches, serialised
 * with them (PGliteDatabase), never inside one of their transactions.
 * On PostgreSQL none of this is needed: `saha report --database-url` connects by itself.
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { AppError, ErrorCode } from '../../core/errors/AppError.js';
import type { Database } from '../db/Database.js';
import { buildReport } from './buildReport.js';
import type { Report, ReportFilter } from './types.js';

/** A request larger than this is not a filter: the connection is closed. */
const MAX_REQUEST_BYTES = 4096;

export function reportSocketPath(dataDir: string): string {
  return `${resolve(dataDir)}.report.sock`;
}

/** Serves reports on `path` until the returned close() is called. */
export async function serveReports(db: Database, path: string): Promise<() => Promise<void>> {
  // A socket file left by a killed ingest: the data-dir lock (taken before this) proves it is stale.
  rmSync(path, { force: true });
  const server: Server = createServer((sock) => {
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('error', () => undefined);
    sock.on('data', (chunk: string) => {
      buf += chunk;
      if (buf.length > MAX_REQUEST_BYTES) return void sock.destroy();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      sock.pause();
      void answer(db, buf.slice(0, nl)).then((line) => sock.end(`${line}\n`));
    });
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(path, () => {
      server.off('error', rej);
      res();
    });
  });
  chmodSync(path, 0o600);
  return () =>
    new Promise<void>((res) =>
      server.close(() => {
        rmSync(path, { force: true });
        res();
      }),
    );
}

async function answer(db: Database, line: string): Promise<string> {
  try {
    const req = JSON.parse(line) as { date?: unknown; deviceId?: unknown };
    const f: ReportFilter = {};
    if (typeof req.date === 'string') f.date = req.date;
    if (typeof req.deviceId === 'string') f.deviceId = req.deviceId;
    return JSON.stringify({ ok: true, report: await buildReport(db, f) });
  } catch (e) {
    return JSON.stringify({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
}

/** True when a running ingest serves reports for this data directory. */
export function hasReportSocket(dataDir: string): boolean {
  return existsSync(reportSocketPath(dataDir));
}

/** Asks the ingest holding `dataDir` for a report. */
export function requestReport(dataDir: string, f: ReportFilter, timeoutMs = 60_000): Promise<Report> {
  const path = reportSocketPath(dataDir);
  return new Promise<Report>((res, rej) => {
    const sock = createConnection(path);
    let buf = '';
    const fail = (msg: string, unreachable = false) => {
      sock.destroy();
      rej(new AppError(msg, ErrorCode.Db_Unavailable, { context: { socket: path, unreachable } }));
    };
    sock.setTimeout(timeoutMs, () => fail(`the ingest serving ${path} did not answer within ${timeoutMs / 1000} s`));
    sock.setEncoding('utf8');
    // Nobody listening: a socket file left by an ingest that was killed (the caller opens the directory).
    sock.on('error', (e) => fail(`cannot reach the running ingest at ${path}: ${e.message}`, true));
    sock.on('data', (c: string) => {
      buf += c;
    });
    sock.on('end', () => {
      try {
        const a = JSON.parse(buf) as { ok: true; report: Report } | { ok: false; message: string };
        if (a.ok) res(a.report);
        else rej(new AppError(a.message, ErrorCode.Db_Query));
      } catch {
        rej(new AppError(`the ingest at ${path} sent an answer that is not a report`, ErrorCode.Db_Unavailable));
      }
    });
    sock.write(`${JSON.stringify(f)}\n`);
  });
}
