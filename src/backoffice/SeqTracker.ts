/**
 * What the back office can tell from `eventId` and `seq` alone (contract v1 §Events): delivery is
 * at-least-once, so a redelivered event (same eventId) is dropped; `seq` grows by one per event on
 * a device and is never reused, so a missing number is an event still on its way (or lost).
 *
 * Per device, the seqs seen are kept as sorted, merged ranges (a day of 400 events in order is one
 * range), and the eventId of each of the last `window` seqs, to tell a redelivery (same eventId)
 * from a device that reused a seq (different eventId: a device fault worth an alarm). Older seqs
 * are remembered only as ranges: an event that old arriving again is taken for a redelivery.
 *
 * Gaps are the numbers missing between the lowest and highest seq seen. A watcher that starts
 * late sees a device from its first event on; nothing before it counts as missing. Events arrive
 * in seq order from one device (its outbox drains in order) but several may be in flight, so a
 * gap that lasts under a second is normal; one that stays is what to look at.
 *
 * Pure: no clock, no I/O.
 */

export type SeqVerdict = 'new' | 'duplicate' | 'conflict';

export interface DeviceSeqState {
  deviceId: string;
  ranges: [number, number][];
  received: number;
  duplicates: number;
  conflicts: number;
}

export interface Gap {
  from: number;
  to: number;
}

export class SeqTracker {
  private readonly devices = new Map<
    string,
    { ranges: [number, number][]; ids: Map<number, string>; maxSeq: number; received: number; duplicates: number; conflicts: number }
  >();

  constructor(private readonly window = 10_000) {}

  /** Records one delivery and says whether it is new, a redelivery, or a reused seq. */
  record(deviceId: string, seq: number, eventId: string): SeqVerdict {
    let d = this.devices.get(deviceId);
    if (!d) this.devices.set(deviceId, (d = { ranges: [], ids: new Map(), maxSeq: 0, received: 0, duplicates: 0, conflicts: 0 }));
    const known = d.ids.get(seq);
    if (known !== undefined) {
      if (known === eventId) {
        d.duplicates++;
        return 'duplicate';
      }
      d.conflicts++;
      return 'conflict';
    }
    if (contains(d.ranges, seq)) {
      // Older than the window: only the range remembers it.
      d.duplicates++;
      return 'duplicate';
    }
    insert(d.ranges, seq);
    d.ids.set(seq, eventId);
    d.received++;
    if (seq > d.maxSeq) {
      d.maxSeq = seq;
      const floor = seq - this.window;
      // Swept when twice the window: amortised O(1) per event.
      if (d.ids.size > 2 * this.window) for (const s of d.ids.keys()) if (s <= floor) d.ids.delete(s);
    }
    return 'new';
  }

  /** Missing seqs between the lowest and highest seen, as ranges. */
  gaps(deviceId: string): Gap[] {
    const r = this.devices.get(deviceId)?.ranges ?? [];
    const out: Gap[] = [];
    for (let i = 1; i < r.length; i++) out.push({ from: r[i - 1]![1] + 1, to: r[i]![0] - 1 });
    return out;
  }

  missingCount(deviceId: string): number {
    return this.gaps(deviceId).reduce((n, g) => n + (g.to - g.from + 1), 0);
  }

  state(deviceId: string): DeviceSeqState | undefined {
    const d = this.devices.get(deviceId);
    return (
      d && {
        deviceId,
        ranges: d.ranges.map((r) => [r[0], r[1]] as [number, number]),
        received: d.received,
        duplicates: d.duplicates,
        conflicts: d.conflicts,
      }
    );
  }

  deviceIds(): string[] {
    return [...this.devices.keys()].sort();
  }

  /** True when every seq from `from` to `to` has been seen (benchmarks: nothing lost). */
  hasAll(deviceId: string, from: number, to: number): boolean {
    const r = this.devices.get(deviceId)?.ranges ?? [];
    return r.some(([lo, hi]) => lo <= from && hi >= to);
  }
}

function contains(ranges: [number, number][], seq: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (seq < a) hi = mid - 1;
    else if (seq > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Inserts a seq not yet contained, merging with neighbours. */
function insert(ranges: [number, number][], seq: number): void {
  // Fast path: the next seq of the newest range (events arrive mostly in order).
  const last = ranges[ranges.length - 1];
  if (last && seq === last[1] + 1) {
    last[1] = seq;
    return;
  }
  if (!last || seq > last[1] + 1) {
    ranges.push([seq, seq]);
    return;
  }
  let i = 0;
  while (i < ranges.length && ranges[i]![1] < seq) i++;
  // ranges[i] is the first range ending at or after seq (it starts after seq: not contained).
  const prev = ranges[i - 1];
  const next = ranges[i];
  const joinPrev = prev !== undefined && prev[1] + 1 === seq;
  const joinNext = next !== undefined && next[0] - 1 === seq;
  if (joinPrev && joinNext) {
    prev[1] = next[1];
    ranges.splice(i, 1);
  } else if (joinPrev) prev[1] = seq;
  else if (joinNext) next[0] = seq;
  else ranges.splice(i, 0, [seq, seq]);
}
