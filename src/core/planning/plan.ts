/**
 * The ranked list (issue 20): every signal of every installation, weighted and summed, with one
 * reason per signal that found something. Installations with nothing but context (the time since
 * the last inspection) are not listed: a score must rest on something the crews recorded.
 */
import { addressKey, parseAddress } from './address.js';
import { dropAgainstOwnHistory, dropAgainstPeers, heatingSeasonZeroUse } from './consumptionSignals.js';
import { indexAdvancedWhileCut, sealMismatchAtReconnection } from './cutSignals.js';
import { brokenSeals, refusedAccess, tamperingNoReadCodes } from './fieldSignals.js';
import { crewRequest, previousOffences, timeSinceInspection } from './historySignals.js';
import { buildPeers, type PeerTable } from './peers.js';
import type { InstallationFacts, PlanningConfig, RankedInstallation, Reason, SignalHit, SignalId } from './types.js';

export interface PlanOptions {
  asOf: string;
  /** Case-insensitive text the address must contain (a district or a street). */
  area?: string;
  limit?: number;
}

type Run = (f: InstallationFacts, asOf: string, c: PlanningConfig, peers: PeerTable) => SignalHit | null;
const SIGNALS: Record<SignalId, Run> = {
  heatingSeasonZeroUse: (f, d, c) => heatingSeasonZeroUse(f, d, c.params),
  dropAgainstOwnHistory: (f, d, c, peers) => dropAgainstOwnHistory(f, d, c.params, peers.change(f.installationNo)),
  dropAgainstPeers: (f, d, c, peers) => dropAgainstPeers(f, d, c.params, peers.view(f.installationNo)),
  indexAdvancedWhileCut: (f, d, c) => indexAdvancedWhileCut(f, d, c.params),
  sealMismatchAtReconnection: (f, d) => sealMismatchAtReconnection(f, d),
  brokenSeals: (f, d) => brokenSeals(f, d),
  tamperingNoReadCodes: (f, d, c) => tamperingNoReadCodes(f, d, c.params),
  refusedAccess: (f, d, c) => refusedAccess(f, d, c.params),
  previousOffences: (f, d, c) => previousOffences(f, d, c.params),
  crewRequest: (f, d) => crewRequest(f, d),
  timeSinceInspection: (f, d, c) => timeSinceInspection(f, d, c.params),
};

/** Scores one installation: its reasons, strongest contribution first. */
export function scoreInstallation(f: InstallationFacts, asOf: string, c: PlanningConfig, peers: PeerTable): Reason[] {
  const reasons: Reason[] = [];
  for (const [id, run] of Object.entries(SIGNALS) as [SignalId, Run][]) {
    const weight = c.weights[id];
    if (!(weight > 0)) continue;
    const hit = run(f, asOf, c, peers);
    if (!hit || hit.strength <= 0) continue;
    reasons.push({ signal: id, weight, strength: round(hit.strength), points: round(weight * hit.strength), text: hit.text });
  }
  return reasons.sort((a, b) => b.points - a.points || a.signal.localeCompare(b.signal));
}

export function planInspections(all: readonly InstallationFacts[], c: PlanningConfig, o: PlanOptions): RankedInstallation[] {
  // Peers come from the whole city, whatever --area narrows the list to.
  const peers = buildPeers(all, o.asOf, c.params);
  const want = o.area === undefined ? undefined : addressKey(o.area);
  const out: RankedInstallation[] = [];
  for (const f of all) {
    if (want !== undefined && !addressKey(f.address).includes(want)) continue;
    const reasons = scoreInstallation(f, o.asOf, c, peers);
    if (!reasons.some((r) => !c.contextOnly.includes(r.signal))) continue;
    const score = round(reasons.reduce((s, r) => s + r.points, 0));
    out.push({ installationNo: f.installationNo, address: f.address, area: parseAddress(f.address).area, score, reasons });
  }
  out.sort((a, b) => b.score - a.score || a.installationNo.localeCompare(b.installationNo));
  return o.limit === undefined ? out : out.slice(0, o.limit);
}

const round = (n: number): number => Math.round(n * 100) / 100;
