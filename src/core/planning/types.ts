/**
 * Inspection planning (issue 20, docs/planning.md): what the office knows about one installation
 * from the event store, the weights and thresholds that turn it into a score, and the explained
 * result. Pure data: the back office (src/backoffice/planning) fills `InstallationFacts` from its
 * database, core never reads anything.
 */

/** One recorded reading: the consumption since the previous one, as the device computed it. */
export interface ReadingFact {
  /** The crew's local date, YYYY-MM-DD. */
  date: string;
  index: number;
  previousIndex: number;
  m3: number;
}

export interface SkipFact {
  date: string;
  /** Two-digit no-read code, docs/domain.md §2. */
  code: string;
}

export interface CutFact {
  date: string;
  index: number;
  sealNo: string;
}

export interface ReconnectionFact {
  date: string;
  index: number;
  removedSealNo: string;
  /** gas.reconnected findings codes: seal-mismatch, index-advanced, index-lower. */
  findings: string[];
}

export interface ExchangeFact {
  date: string;
}

export interface InspectionFact {
  date: string;
  finding: 'none' | 'kacak' | 'usulsuz';
  /** Seals the report saw broken or missing. */
  brokenSeals: number;
}

export interface OffenceFact {
  date: string;
  finding: 'kacak' | 'usulsuz';
}

export interface RequestFact {
  date: string;
  reason: string;
}

export interface InstallationFacts {
  installationNo: string;
  address: string;
  tariffGroup?: string;
  meterClass?: string;
  /** Every list sorted by date, oldest first. */
  readings: ReadingFact[];
  skips: SkipFact[];
  cuts: CutFact[];
  reconnections: ReconnectionFact[];
  exchanges: ExchangeFact[];
  inspections: InspectionFact[];
  /** customer.priorOffences of the jobs the office sent (the office's own record). */
  priorOffences: OffenceFact[];
  /** inspection.requested events: a crew asked for an inspection on the spot. */
  requests: RequestFact[];
}

/**
 * What a signal saw, as a key and its params: no words in core (issue 19). The back office words
 * it in Turkish and English (src/backoffice/planning/signalWords.ts). Figures come formatted.
 */
export type SignalText =
  | { key: 'heatingSeasonZeroUse'; readings: number; m3: string; rate: string }
  | { key: 'dropAgainstOwnHistory'; months: number; now: string; before: string; pct: string }
  | { key: 'dropAgainstPeers'; rate: string; group: PeerView['group']; count: number; median: string; pct: string }
  | { key: 'indexAdvancedWhileCut'; cutDate: string; cutIndex: number; at: 'reconnection' | 'reading'; atDate: string; atIndex: number }
  | { key: 'sealMismatchAtReconnection'; date: string; removedSealNo: string; cutSealNo?: string }
  | { key: 'brokenSeals'; date: string; seals: number }
  | { key: 'tamperingNoReadCodes'; months: number; times: number; codes: string }
  | { key: 'refusedAccess'; months: number; times: number }
  | { key: 'previousOffences'; finding: 'kacak' | 'usulsuz'; times: number; last: string }
  | { key: 'crewRequest'; date: string; reason: string }
  | { key: 'neverInspected' }
  | { key: 'timeSinceInspection'; days: number; last: string };

/** A signal that found something: its strength in [0, 1] and what it saw. */
export interface SignalHit {
  strength: number;
  text: SignalText;
}

export const SIGNAL_IDS = [
  'heatingSeasonZeroUse',
  'dropAgainstOwnHistory',
  'dropAgainstPeers',
  'indexAdvancedWhileCut',
  'sealMismatchAtReconnection',
  'brokenSeals',
  'tamperingNoReadCodes',
  'refusedAccess',
  'previousOffences',
  'crewRequest',
  'timeSinceInspection',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

/** Thresholds of the signals (device/reference/planning.json, documented in docs/planning.md). */
export interface PlanningParams {
  /** Calendar months (1–12) of the heating season. */
  heatingMonths: number[];
  /** Months back from the planning date that count as "recent". */
  recentMonths: number;
  /** A heating-season rate below this (m³/day) is "near zero". */
  nearZeroM3PerDay: number;
  /** Heating-season readings needed before near-zero use counts. */
  minHeatingReadings: number;
  /** Recent use below this share of the same months of earlier years is a drop. */
  historyDropRatio: number;
  /** Earlier use below this (m³/day) is too small to judge a drop against. */
  minBaselineM3PerDay: number;
  /** Recent use below this share of the peer median is a drop. */
  peerDropRatio: number;
  /** Peers needed for a peer comparison; fewer → the wider group (tariff group and meter class). */
  minPeers: number;
  /** An index above the cut's by more than this (m³) is "advanced". */
  indexToleranceM3: number;
  /** No-read codes that suggest tampering, with their strength. */
  tamperingCodes: Record<string, number>;
  /** No-read codes that are a refusal of access. */
  refusalCodes: string[];
  /** Refusals in the recent months needed; strength reaches 1 at refusalsFull. */
  minRefusals: number;
  refusalsFull: number;
  /** Offences older than this no longer count (years). */
  offenceYears: number;
  /** Days since the last inspection at which timeSinceInspection reaches 1 (never inspected = 1). */
  inspectionFullAfterDays: number;
}

export interface PlanningConfig {
  weights: Record<SignalId, number>;
  params: PlanningParams;
  /** Signals that only add to evidence found by others (time since the last inspection). */
  contextOnly: SignalId[];
}

/** Peer figures the planner computes for one installation before its signals run. */
export interface PeerView {
  /** Median recent heating-season rate of the peers (m³/day), or undefined without enough peers. */
  medianRate?: number;
  /** How many peers, and which group they were taken from (for the explanation). */
  count: number;
  group: 'building' | 'street' | 'city';
}

export interface Reason {
  signal: SignalId;
  weight: number;
  strength: number;
  points: number;
  text: SignalText;
}

export interface RankedInstallation {
  installationNo: string;
  address: string;
  area: string;
  score: number;
  reasons: Reason[];
}
