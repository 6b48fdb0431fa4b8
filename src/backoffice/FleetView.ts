/**
 * The fleet as `saha watch` shows it, built from the raw MQTT messages a back office receives
 * (events and retained statuses): every message is validated against contract v1, events are
 * de-duplicated by eventId and checked for seq gaps (SeqTracker), and the result is both a list of
 * observations (for `--json`, one JSON object a line) and a table (devices, online, backlog, last
 * event). Pure: the caller passes the time a message arrived.
 */
import { parseTopic, validateEvent, validateStatus, type ContractError } from '../core/contract/index.js';
import { SeqTracker, type Gap } from './SeqTracker.js';

export type Observation =
  | { kind: 'event'; deviceId: string; seq: number; type: string; eventId: string; occurredAt: string; jobId?: string; latencyMs?: number }
  | { kind: 'duplicate'; deviceId: string; seq: number; type: string; eventId: string }
  /** Same seq, different eventId: the device reused a seq (a fault to investigate). */
  | { kind: 'conflict'; deviceId: string; seq: number; type: string; eventId: string }
  /** The missing seqs of a device changed (`missing` 0: every gap filled). */
  | { kind: 'gaps'; deviceId: string; missing: number; gaps: Gap[] }
  | { kind: 'status'; deviceId: string; state: string; outboxDepth: number; oldestPendingAt: string | null; printer: string; at: string }
  | { kind: 'invalid'; topic: string; errors: ContractError[] };

interface Row {
  deviceId: string;
  state?: string;
  backlog?: number;
  printer?: string;
  lastType?: string;
  lastSeq?: number;
  lastAt?: number;
}

export class FleetView {
  readonly seqs = new SeqTracker();
  private readonly rows = new Map<string, Row>();
  private readonly missing = new Map<string, number>();
  received = 0;
  duplicates = 0;

  /** Devices to show; empty = every device the messages name. */
  constructor(private readonly only: ReadonlySet<string> = new Set()) {}

  handle(topic: string, payload: Uint8Array, receivedAtMs: number): Observation[] {
    const t = parseTopic(topic);
    if (!t || (t.kind !== 'event' && t.kind !== 'status')) return [];
    if (this.only.size && !this.only.has(t.deviceId)) return [];
    if (t.kind === 'status' && payload.byteLength === 0) return []; // a cleared retained status
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch (e) {
      return [{ kind: 'invalid', topic, errors: [{ path: '/', message: `not valid JSON (${(e as Error).message})` }] }];
    }
    if (t.kind === 'status') {
      const v = validateStatus(body);
      if (!v.ok) return [{ kind: 'invalid', topic, errors: v.errors }];
      const row = this.row(t.deviceId);
      const s = body as { state: string; outboxDepth: number; oldestPendingAt: string | null; printer: string; at: string };
      row.state = s.state;
      row.backlog = s.outboxDepth;
      row.printer = s.printer;
      return [
        {
          kind: 'status',
          deviceId: t.deviceId,
          state: s.state,
          outboxDepth: s.outboxDepth,
          oldestPendingAt: s.oldestPendingAt,
          printer: s.printer,
          at: s.at,
        },
      ];
    }
    const v = validateEvent(body, topic);
    if (!v.ok) return [{ kind: 'invalid', topic, errors: v.errors }];
    const e = body as { eventId: string; seq: number; type: string; occurredAt: string; jobId?: string };
    const row = this.row(t.deviceId);
    const verdict = this.seqs.record(t.deviceId, e.seq, e.eventId);
    if (verdict === 'duplicate') {
      this.duplicates++;
      return [{ kind: 'duplicate', deviceId: t.deviceId, seq: e.seq, type: e.type, eventId: e.eventId }];
    }
    if (verdict === 'conflict') return [{ kind: 'conflict', deviceId: t.deviceId, seq: e.seq, type: e.type, eventId: e.eventId }];
    this.received++;
    if (row.lastSeq === undefined || e.seq > row.lastSeq) Object.assign(row, { lastType: e.type, lastSeq: e.seq, lastAt: receivedAtMs });
    const occurred = Date.parse(e.occurredAt);
    const out: Observation[] = [
      {
        kind: 'event',
        deviceId: t.deviceId,
        seq: e.seq,
        type: e.type,
        eventId: e.eventId,
        occurredAt: e.occurredAt,
        ...(e.jobId ? { jobId: e.jobId } : {}),
        ...(Number.isFinite(occurred) ? { latencyMs: receivedAtMs - occurred } : {}),
      },
    ];
    const missing = this.seqs.missingCount(t.deviceId);
    if (missing !== (this.missing.get(t.deviceId) ?? 0)) {
      this.missing.set(t.deviceId, missing);
      out.push({ kind: 'gaps', deviceId: t.deviceId, missing, gaps: this.seqs.gaps(t.deviceId) });
    }
    return out;
  }

  private row(deviceId: string): Row {
    let r = this.rows.get(deviceId);
    if (!r) this.rows.set(deviceId, (r = { deviceId }));
    return r;
  }

  /** The live table: a summary line, then one line per device. */
  table(nowMs: number): string {
    const rows = [...this.rows.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    const online = rows.filter((r) => r.state === 'online').length;
    const backlog = rows.reduce((n, r) => n + (r.backlog ?? 0), 0);
    const missing = rows.reduce((n, r) => n + (this.missing.get(r.deviceId) ?? 0), 0);
    const head = `${rows.length} devices, ${online} online, backlog ${backlog}, ${this.received} events (${this.duplicates} duplicates dropped), ${missing} missing`;
    const cells = rows.map((r) => {
      const st = this.seqs.state(r.deviceId);
      const gaps = this.seqs.gaps(r.deviceId);
      return [
        r.deviceId,
        r.state ?? '?',
        r.backlog === undefined ? '?' : String(r.backlog),
        String(st?.received ?? 0),
        String(st?.duplicates ?? 0),
        gaps.length
          ? `${this.missing.get(r.deviceId) ?? 0} (${gaps
              .slice(0, 3)
              .map((g) => (g.from === g.to ? `${g.from}` : `${g.from}-${g.to}`))
              .join(',')}${gaps.length > 3 ? ',…' : ''})`
          : '0',
        r.lastType ? `${r.lastType} #${r.lastSeq} ${age(nowMs - (r.lastAt ?? nowMs))}` : '-',
      ];
    });
    const header = ['DEVICE', 'ONLINE', 'BACKLOG', 'EVENTS', 'DUPS', 'MISSING', 'LAST EVENT'];
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) =>
      c
        .map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    return [head, line(header), ...cells.map(line)].join('\n') + '\n';
  }
}

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}
