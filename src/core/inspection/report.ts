/**
 * The inspection report (tutanak) as evidence, docs/domain.md §4: what the crew records (the draft),
 * every problem with it at once, and the sealed report built from it.
 *
 * Sealing: the report's canonical content is the render input of the printed tutanak
 * (InspectionReportData). Its SHA-256 over RFC 8785 canonical JSON (`inspectionEvidenceSha256`) is
 * stored with the record, printed on both copies and sent as `evidenceSha256` in
 * inspection.reported. Everything that matters is inside that content: the structured record the
 * event carries (codes, seal states, the accrual with its trace, a correction's reference) is
 * hashed too and its hash joins the content as an attachment hash, so changing any of it changes
 * the printed fingerprint. A sealed report is never edited; a correction is a new report whose
 * content says which report it corrects.
 */
import type { InspectionReportData } from '../documents/renderInspectionReport.js';
import { inspectionEvidenceSha256 } from '../documents/renderInspectionReport.js';
import { evidenceSha256 } from '../documents/evidenceHash.js';
import { isDecimalString } from '../billing/decimal.js';
import type { AccrualOutcome } from './accrualOutcome.js';
import { accrualText, outcomeText, REPORT_NOTES, sealNote } from '../documents/inspectionReportText.js';
import type { Accrual } from './computeAccrual.js';
import type { AccrualPendingReason } from './errors.js';
import { exemptionApplies, kwInBounds, subtypeLabel, type EstimationMethod, type InspectionConfig } from './config.js';

export type FindingKind = 'none' | 'kacak' | 'usulsuz';
export type SealStatus = 'found' | 'broken' | 'missing' | 'fitted';

export interface SealEntry {
  /** Empty for a missing seal whose number nobody knows. */
  sealNo: string;
  status: SealStatus;
}

/** What the crew records. Plain data: the UI builds it step by step, the store keeps it as a draft. */
export interface InspectionDraft {
  /** null: no meter on site (unmetered connection). */
  meter: { serial: string; scanned: boolean; index: number | null } | null;
  seals: SealEntry[];
  finding: FindingKind | null;
  subtype: string | null;
  description?: string;
  appliances: Array<{ type: string; kw: string }>;
  /** The person found using the gas. */
  user: { name: string; idNo?: string; relation?: string };
  witnesses: Array<{ name: string; idNo?: string }>;
  /**
   * The second official (the first is the crew member logged in), entered and confirmed on the form:
   * the 2004 kaçak/usulsüz procedures want at least two officials (config officials.min).
   */
  officer?: { operatorId: string; name: string } | null;
  /** Why no witness signs although the user is absent or refuses (a witness or this reason is required). */
  noWitnessReason?: string;
  /** DMHY art. 53: for a subtype in usulsuz.exemptIfApplied, the application had been made (no charge). */
  occupantApplied?: boolean;
  /** Action codes from the configuration ("gas-cut", "seal-fitted", "meter-removed-for-lab"). */
  actions: string[];
  /** `absent`: nobody was on site to make a statement or sign. */
  statement: { kind: 'statement'; text: string } | { kind: 'refused' } | { kind: 'absent' } | null;
  /** kaçak: the estimate method, when the crew's supervisor chose another than the default. */
  method?: EstimationMethod;
  /** Why the method differs from the default: required then, printed with the accrual and in its trace. */
  methodReason?: string;
}

export function emptyDraft(): InspectionDraft {
  return {
    meter: null,
    seals: [],
    finding: null,
    subtype: null,
    appliances: [],
    user: { name: '' },
    witnesses: [],
    actions: [],
    statement: null,
  };
}

export interface DraftError {
  field: string;
  message: string;
}

/** A second official's sicil (operator) number: what the login uses, letters, digits and -. */
export const OFFICER_ID = /^[A-Za-z0-9-]{1,16}$/;

/**
 * Every problem of a draft, for the screen to show at once (empty = ready to seal). `crewIds`: the
 * officials logged in, whom the entered officer must not repeat.
 */
export function validateDraft(
  d: InspectionDraft,
  c: InspectionConfig,
  o: { expectedSerial?: string; crewIds?: readonly string[] } = {},
): DraftError[] {
  const errors: DraftError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  if (d.meter) {
    if (!d.meter.serial.trim()) err('meter.serial', 'meter serial is missing');
    if (d.meter.serial.length > 32) err('meter.serial', 'meter serial longer than 32 characters');
    if (d.meter.index !== null && (!Number.isSafeInteger(d.meter.index) || d.meter.index < 0))
      err('meter.index', 'index must be a whole number ≥ 0');
  } else if (!(d.finding === 'kacak' && d.subtype === 'unmetered-connection')) {
    err('meter', 'a meter is required unless the finding is an unmetered connection');
  }
  if (d.seals.length > 50) err('seals', 'at most 50 seals');
  d.seals.forEach((s, i) => {
    if (!['found', 'broken', 'missing', 'fitted'].includes(s.status)) err(`seals[${i}].status`, `unknown seal status "${s.status}"`);
    if (s.sealNo.length > 32) err(`seals[${i}].sealNo`, 'seal number longer than 32 characters');
    if (!s.sealNo.trim() && s.status !== 'missing') err(`seals[${i}].sealNo`, 'seal number is missing');
  });
  if (d.finding === null) err('finding', 'choose a finding');
  else if (d.finding === 'none') {
    if (d.subtype !== null) err('subtype', 'no subtype when nothing was found');
  } else if (d.subtype === null || !subtypeLabel(c, d.finding, d.subtype)) err('subtype', `choose a ${d.finding} subtype`);
  d.appliances.forEach((a, i) => {
    if (!a.type.trim()) err(`appliances[${i}].type`, 'appliance type is missing');
    if (!isDecimalString(a.kw) || a.kw.startsWith('-')) err(`appliances[${i}].kw`, 'kW must be a decimal ≥ 0');
    else if (!kwInBounds(c, a.kw))
      err(`appliances[${i}].kw`, `kW must be within ${c.appliancePower.minKw} – ${c.appliancePower.maxKw} (appliancePower)`);
  });
  const def = c.estimation.defaultMethod;
  if (d.finding === 'kacak' && d.method && d.method !== def && !d.methodReason?.trim())
    err('methodReason', `the estimate method differs from the default (${def}): give the reason`);
  if (
    d.finding === 'kacak' &&
    (d.method ?? c.estimation.defaultMethod) === 'appliance-capacity' &&
    !d.appliances.some((a) => isDecimalString(a.kw) && Number(a.kw) > 0)
  ) {
    err('appliances', 'the appliance-capacity estimate needs at least one appliance with its kW');
  }
  if (!d.user.name.trim()) err('user.name', 'name of the person using the gas is missing');
  if (d.user.name.length > 120) err('user.name', 'name longer than 120 characters');
  if (d.witnesses.length > 10) err('witnesses', 'at most 10 witnesses');
  const alone = d.statement?.kind === 'refused' || d.statement?.kind === 'absent';
  if (alone && d.witnesses.length === 0 && !d.noWitnessReason?.trim())
    err('witnesses', 'the user is absent or refuses to sign: at least one witness, or the reason there is none');
  const officials = 1 + (d.officer ? 1 : 0);
  if (officials < c.officials.min) err('officer', `at least ${c.officials.min} officials: enter and confirm the second official`);
  if (d.officer) {
    if (!OFFICER_ID.test(d.officer.operatorId)) err('officer.operatorId', 'sicil no must be 1–16 letters, digits or -');
    if (!d.officer.name.trim()) err('officer.name', "the second official's name is missing");
    if (o.crewIds?.includes(d.officer.operatorId))
      err('officer.operatorId', 'the second official must be another person than the one logged in');
  }
  if (d.occupantApplied && !exemptionApplies(c, d.finding, d.subtype))
    err('occupantApplied', 'the application exemption (DMHY 53) does not apply to this finding');
  d.witnesses.forEach((w, i) => {
    if (!w.name.trim()) err(`witnesses[${i}].name`, 'witness name is missing');
  });
  d.actions.forEach((a, i) => {
    if (!c.actions.some((x) => x.code === a)) err(`actions[${i}]`, `unknown action "${a}"`);
  });
  if (new Set(d.actions).size !== d.actions.length) err('actions', 'an action is listed twice');
  if (d.actions.includes('seal-fitted') && !d.seals.some((s) => s.status === 'fitted'))
    err('seals', '"seal fitted" needs the fitted seal\'s number');
  if (d.statement === null) err('statement', 'record the statement or that the person refused to sign');
  else if (d.statement.kind === 'statement' && !d.statement.text.trim()) err('statement', 'the statement is empty');
  if (o.expectedSerial !== undefined && d.meter && d.meter.serial !== o.expectedSerial && d.meter.serial.trim()) {
    // Not an error: a different meter on site is itself a finding. The caller shows it.
  }
  return errors;
}

/** Who, where and when: from the job, the session and the clock, never typed by the crew. */
export interface ReportContext {
  reportNo: string;
  /** Confirmation instant (ISO with offset): the report's date and time. */
  at: string;
  deviceId: string;
  crew: Array<{ operatorId: string; name: string }>;
  site: { installationNo: string; contractAccount?: string; address: string; customerName?: string };
  jobId?: string;
  /** The job's meter serial, when there was a job: a different one on site is noted on the report. */
  expectedSerial?: string;
  corrects?: string;
}

/** The structured part of the report the event carries (contract v1 inspection.reported). */
export interface InspectionEventData {
  reportNo: string;
  finding: FindingKind;
  subtype: string | null;
  index: number | null;
  seals: Array<{ sealNo: string; status: SealStatus }>;
  evidenceSha256: string;
  accrual?: {
    lines: Accrual['lines'];
    total: string;
    method?: string;
    trace: Accrual['trace'];
    repeat: boolean;
    estimatedM3?: string;
    period?: Accrual['period'];
    meteredM3?: string;
    billedM3?: string;
    methodChange?: Accrual['methodChange'];
  };
  appliances: Array<{ type: string; kw: string }>;
  actions: string[];
  witnesses: string[];
  customerStatement?: string;
  refusedToSign: boolean;
  /** Additions within v1 (issue 18): the officials who sign, an absent user, why no witness signs. */
  officials?: Array<{ operatorId: string; name: string }>;
  userAbsent?: boolean;
  noWitnessReason?: string;
  /** computed, exempt (DMHY 53) or pending (the office computes it: `accrualPending` says why). */
  accrualStatus?: 'computed' | 'exempt' | 'pending';
  accrualPending?: AccrualPendingReason;
  /** Addition within v1 (receivers accept extra fields): the report this one corrects. */
  corrects?: string;
  meterSerial: string | null;
  at: string;
}

export interface SealedReport {
  reportNo: string;
  at: string;
  evidenceSha256: string;
  /** Exactly what the printer renders (and what the hash is over). */
  printData: InspectionReportData;
  event: InspectionEventData;
  accrual?: Accrual;
}

const outcomeOf = (x: Accrual | AccrualOutcome | undefined): AccrualOutcome =>
  x === undefined ? { kind: 'none' } : 'kind' in x ? x : { kind: 'computed', accrual: x };

/**
 * Builds the sealed report. Throws nothing itself: validate first. The evidence hash is computed
 * over `printData`, which embeds the hash of the structured record.
 */
export function sealReport(
  d: InspectionDraft,
  ctx: ReportContext,
  c: InspectionConfig,
  accrualOrOutcome: Accrual | AccrualOutcome | undefined,
): SealedReport {
  const outcome = outcomeOf(accrualOrOutcome);
  const accrual = outcome.kind === 'computed' ? outcome.accrual : undefined;
  // The officials who sign: those logged in, then the one entered and confirmed on the form.
  const crew = [...ctx.crew];
  if (d.officer && !crew.some((m) => m.operatorId === d.officer!.operatorId))
    crew.push({ operatorId: d.officer.operatorId, name: d.officer.name.trim() });
  const officials = crew.map((m) => ({ operatorId: m.operatorId, name: m.name }));
  const noWitnessReason = d.witnesses.length === 0 ? d.noWitnessReason?.trim() || undefined : undefined;
  const accrualStatus = outcome.kind === 'none' ? undefined : outcome.kind;
  const finding = d.finding ?? 'none';
  const subtypeText = finding === 'none' ? '-' : (subtypeLabel(c, finding, d.subtype ?? '') ?? d.subtype ?? '-');
  const applianceLabel = (type: string) => c.applianceTypes.find((t) => t.type === type)?.label ?? type;
  const actionLabel = (code: string) => c.actions.find((a) => a.code === code)?.label ?? code;
  const seals = d.seals.map((s) => ({ sealNo: s.sealNo.trim(), status: s.status }));
  const statement = d.statement ?? { kind: 'refused' as const };

  const structured = {
    reportNo: ctx.reportNo,
    at: ctx.at,
    finding,
    subtype: finding === 'none' ? null : d.subtype,
    meterSerial: d.meter ? d.meter.serial.trim() : null,
    meterScanned: d.meter?.scanned ?? false,
    index: d.meter?.index ?? null,
    seals,
    appliances: d.appliances.map((a) => ({ type: a.type, kw: a.kw })),
    actions: [...d.actions],
    witnesses: d.witnesses.map((w) => w.name.trim()),
    refusedToSign: statement.kind === 'refused',
    ...(statement.kind === 'statement' ? { customerStatement: statement.text.trim() } : {}),
    ...(ctx.corrects ? { corrects: ctx.corrects } : {}),
    ...(ctx.jobId ? { jobId: ctx.jobId } : {}),
    officials,
    ...(statement.kind === 'absent' ? { userAbsent: true } : {}),
    ...(noWitnessReason ? { noWitnessReason } : {}),
    ...(accrualStatus ? { accrualStatus } : {}),
    ...(outcome.kind === 'pending' ? { accrualPending: outcome.reason } : {}),
    ...(accrual
      ? {
          accrual: {
            lines: accrual.lines,
            total: accrual.total,
            method: accrual.method ?? null,
            trace: accrual.trace,
            repeat: accrual.repeat,
            estimatedM3: accrual.estimatedM3 ?? null,
            period: accrual.period ?? null,
            meteredM3: accrual.meteredM3 ?? null,
            billedM3: accrual.billedM3 ?? null,
            methodChange: accrual.methodChange ?? null,
            assumed: accrual.assumed,
          },
        }
      : {}),
  };
  const recordSha256 = evidenceSha256(structured);

  const descr: string[] = [];
  if (ctx.corrects) descr.push(REPORT_NOTES.corrects(ctx.corrects));
  if (d.meter && ctx.expectedSerial && d.meter.serial.trim() !== ctx.expectedSerial)
    descr.push(REPORT_NOTES.otherMeter(ctx.expectedSerial));
  if (d.meter && !d.meter.scanned) descr.push(REPORT_NOTES.serialKeyed);
  if (d.meter && d.meter.index === null) descr.push(REPORT_NOTES.indexUnreadable);
  if (!d.meter) descr.push(REPORT_NOTES.noMeter);
  if (d.description?.trim()) descr.push(d.description.trim());
  if (accrual) descr.push(accrualText(accrual));
  const words = outcomeText(outcome);
  if (words) descr.push(words);

  const printData: InspectionReportData = {
    reportNo: ctx.reportNo,
    at: ctx.at,
    crew: officials,
    deviceId: ctx.deviceId,
    site: {
      installationNo: ctx.site.installationNo,
      address: ctx.site.address,
      ...(ctx.site.contractAccount ? { contractAccount: ctx.site.contractAccount } : {}),
      ...(ctx.site.customerName ? { customerName: ctx.site.customerName } : {}),
    },
    user: {
      name: d.user.name.trim(),
      ...(d.user.idNo?.trim() ? { idNo: d.user.idNo.trim() } : {}),
      ...(d.user.relation?.trim() ? { relation: d.user.relation.trim() } : {}),
    },
    // The renderer needs a number: a missing meter or an unreadable index prints 0 and the
    // description says why (the event carries null).
    meter: { serial: d.meter?.serial.trim() || REPORT_NOTES.noMeterSerial, index: d.meter?.index ?? 0 },
    seals: {
      found: seals.filter((s) => s.status === 'found').map((s) => s.sealNo),
      missing: seals.flatMap((s) => (s.status === 'broken' || s.status === 'missing' ? [sealNote(s.sealNo, s.status)] : [])),
      fitted: seals.filter((s) => s.status === 'fitted').map((s) => s.sealNo),
    },
    finding,
    subtype: subtypeText,
    ...(descr.length ? { description: descr.join('\n') } : {}),
    appliances: d.appliances.map((a) => ({ type: applianceLabel(a.type), kw: a.kw })),
    actions: d.actions.map(actionLabel),
    witnesses: d.witnesses.map((w) => ({ name: w.name.trim(), ...(w.idNo?.trim() ? { idNo: w.idNo.trim() } : {}) })),
    statement: statement.kind === 'statement' ? { kind: 'statement', text: statement.text.trim() } : { kind: statement.kind },
    ...(noWitnessReason ? { noWitnessReason } : {}),
    attachmentsSha256: [recordSha256],
  };
  const hash = inspectionEvidenceSha256(printData);

  const event: InspectionEventData = {
    reportNo: ctx.reportNo,
    finding,
    subtype: structured.subtype,
    index: structured.index,
    seals,
    evidenceSha256: hash,
    ...(accrual
      ? {
          accrual: {
            lines: accrual.lines,
            total: accrual.total,
            ...(accrual.method ? { method: accrual.method } : {}),
            trace: accrual.trace,
            repeat: accrual.repeat,
            ...(accrual.estimatedM3 ? { estimatedM3: accrual.estimatedM3 } : {}),
            ...(accrual.period ? { period: accrual.period } : {}),
            ...(accrual.meteredM3 !== undefined ? { meteredM3: accrual.meteredM3, billedM3: accrual.billedM3! } : {}),
            ...(accrual.methodChange ? { methodChange: accrual.methodChange } : {}),
          },
        }
      : {}),
    appliances: structured.appliances,
    actions: structured.actions,
    witnesses: structured.witnesses,
    ...(structured.customerStatement !== undefined ? { customerStatement: structured.customerStatement } : {}),
    refusedToSign: structured.refusedToSign,
    officials,
    ...(statement.kind === 'absent' ? { userAbsent: true } : {}),
    ...(noWitnessReason ? { noWitnessReason } : {}),
    ...(accrualStatus ? { accrualStatus } : {}),
    ...(outcome.kind === 'pending' ? { accrualPending: outcome.reason } : {}),
    ...(ctx.corrects ? { corrects: ctx.corrects } : {}),
    meterSerial: structured.meterSerial,
    at: ctx.at,
  };
  return { reportNo: ctx.reportNo, at: ctx.at, evidenceSha256: hash, printData, event, ...(accrual ? { accrual } : {}) };
}

/** Recomputes the fingerprint of a stored report: true when nothing was altered since sealing. */
export function verifySealed(r: Pick<SealedReport, 'printData' | 'evidenceSha256'>): boolean {
  return inspectionEvidenceSha256(r.printData) === r.evidenceSha256;
}

/** Device-numbered report number: TT-<device>-<year>-<6-digit sequence>, e.g. TT-HT-0042-2026-000031. */
export function formatReportNo(deviceId: string, year: number, seq: number): string {
  return `TT-${deviceId}-${year}-${String(seq).padStart(6, '0')}`;
}

export function reportCounterName(year: number): string {
  return `inspection-report:${year}`;
}
