/**
 * Delivery state per device: the contiguous high-water mark, the seqs not stored, and what was
 * quarantined. Not narrowed by --date: a seq lost yesterday is still missing today, and seqs carry
 * no date until they arrive.
 */
import type { SqlClient } from '../db/Database.js';
import { MISSING_LISTED, type DeviceLine, type ReportFilter } from './types.js';

// Gaps as ranges (window function over each device's stored seqs), plus the tail between the highest
// stored seq and the highest the device is known to have used (max_seq), then expanded in TS up to
// the cap: the database never materialises one row per missing seq.
const GAPS = `
with d as (select device_id, max_seq from devices where $1::text is null or device_id = $1::text),
s as (
  select e.device_id, e.seq, coalesce(lag(e.seq) over (partition by e.device_id order by e.seq), 0) as prev
    from events e join d using (device_id)
)
select device_id, gap_from::text, gap_to::text from (
  select device_id, prev + 1 as gap_from, seq - 1 as gap_to from s where seq > prev + 1
  union all
  select d.device_id, coalesce(m.top, 0) + 1, d.max_seq
    from d left join (select device_id, max(seq) as top from s group by device_id) m using (device_id)
   where d.max_seq > coalesce(m.top, 0)
) g
order by device_id, g.gap_from`;

const DEVICES = `
select device_id, acked_seq::text, floor_seq::text from devices where $1::text is null or device_id = $1::text
union
select distinct device_id, '0', '1' from quarantine
 where device_id is not null and ($1::text is null or device_id = $1::text)
   and device_id not in (select device_id from devices)
order by 1`;

const QUARANTINED = `
select device_id, count(*)::int as n from quarantine
 where device_id is not null and ($1::text is null or device_id = $1::text) group by device_id`;

export async function deviceSection(db: SqlClient, f: ReportFilter): Promise<DeviceLine[]> {
  const p = [f.deviceId ?? null];
  const [devices, gaps, quarantined] = [
    await db.query<{ device_id: string; acked_seq: string; floor_seq: string }>(DEVICES, p),
    await db.query<{ device_id: string; gap_from: string; gap_to: string }>(GAPS, p),
    await db.query<{ device_id: string; n: number }>(QUARANTINED, p),
  ];
  const q = new Map(quarantined.rows.map((r) => [r.device_id, r.n]));
  const gapsOf = new Map<string, { gap_from: string; gap_to: string }[]>();
  for (const g of gaps.rows) gapsOf.set(g.device_id, [...(gapsOf.get(g.device_id) ?? []), g]);
  return devices.rows.map((d) => {
    const floor = Number(d.floor_seq);
    const line: DeviceLine = {
      deviceId: d.device_id,
      ackedSeq: Number(d.acked_seq),
      missingSeqs: [],
      missingCount: 0,
      missingReleased: 0,
      quarantined: q.get(d.device_id) ?? 0,
    };
    for (const g of gapsOf.get(d.device_id) ?? []) {
      const from = Number(g.gap_from);
      const to = Number(g.gap_to);
      line.missingCount += to - from + 1;
      line.missingReleased += Math.max(0, Math.min(to, floor - 1) - from + 1);
      for (let s = from; s <= to && line.missingSeqs.length < MISSING_LISTED; s++) line.missingSeqs.push(s);
    }
    return line;
  });
}
