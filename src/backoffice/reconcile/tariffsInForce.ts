/**
 * Which version of each named tariff the device most likely billed with. A tariff id is republished
 * (retained on saha/v1/tariffs/{tariffId}) when the distributor corrects it, so the office may hold
 * several bodies under one id; the one that was current when the invoice was issued is the latest
 * received at or before that instant. When the office received every version only afterwards (ingest
 * started after the tariff was retained on the broker), the earliest version is the best evidence it
 * has: the device could not have seen a later correction before the office did.
 */
import type { TariffVersion } from './types.js';

export type TariffChoice = { ok: true; versions: Map<string, TariffVersion> } | { ok: false; missing: string[] };

export function tariffsInForce(ids: readonly string[], versions: readonly TariffVersion[], at: string): TariffChoice {
  const atMs = Date.parse(at);
  const chosen = new Map<string, TariffVersion>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const own = versions
      .filter((v) => v.tariffId === id)
      .map((v, i) => ({ v, ms: Date.parse(v.receivedAt), i }))
      // Equal instants keep input order, so the caller's ordering decides ties deterministically.
      .sort((a, b) => a.ms - b.ms || a.i - b.i);
    if (own.length === 0) {
      missing.push(id);
      continue;
    }
    const before = own.filter((x) => x.ms <= atMs);
    chosen.set(id, (before.length ? before[before.length - 1]! : own[0]!).v);
  }
  return missing.length ? { ok: false, missing } : { ok: true, versions: chosen };
}
