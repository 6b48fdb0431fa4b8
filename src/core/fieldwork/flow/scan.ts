/**
 * The scan step of cut, reconnection and meter exchange: the scan gate of issue 19, as the
 * reading has it (core/reading/scanGate.ts, docs/domain.md §3 "Scan gate"). The job's meter is
 * proven by a scan (or its serial keyed), or its barcode is declared unreadable with a reason from
 * SCAN_OVERRIDE_REASONS (F3, recorded with who and when, shown on the confirm and sent with the
 * event). A scan of another meter never records the work: it stops the job proposing code 11, and
 * the crew re-scans (a scan, or Back then a scan), records code 11 (the scanned code kept as
 * `scannedSerial`) or opens that meter's own job when the app finds it on the route (F4). After
 * such a scan the override is refused: that barcode was readable, it was the wrong meter.
 */
import { SCAN_OVERRIDE_REASONS } from '../../reading/scanGate.js';
import { currentStep } from './plan.js';
import { next, prev, withEffect, wrongMeterCode } from './steps.js';
import type { Collected, FlowAction, FlowState, ScanOverride } from './types.js';

/** The meter's proof without the other one (a scan and an override never stand together). */
function proven(d: Collected, proof: { scanned: string } | { scanOverride: ScanOverride }): Collected {
  const { scanned: _s, scanOverride: _o, mismatch: _m, ...rest } = d;
  return { ...rest, ...proof };
}

/** A code scanned (or keyed and Enter) at the scan step. */
export function submitScan(s0: FlowState, raw: string): FlowState {
  const code = raw.trim();
  const s: FlowState = { ...s0, field: '', phase: { s: 'plan' } };
  if (code === '') return s;
  const m = s.ctx.record!.job.meter;
  const logged = withEffect(s, { t: 'recordScan', jobId: s.ctx.jobId, code });
  if (code === m.serial || code === m.barcode) return next({ ...logged, data: proven(s.data, { scanned: code }) });
  // Another meter: whatever proved this job's meter before is void, and the app is asked whose it is.
  const { scanned: _s, scanOverride: _o, ...rest } = s.data;
  const wrong = withEffect({ ...logged, data: { ...rest, mismatch: code } }, { t: 'findJob', code });
  const why = { ui: 'fw.scan.mismatch', params: { code, serial: m.serial } } as const;
  return { ...wrong, phase: { s: 'stopped', why, code: wrongMeterCode(s), hazard: false, wrongScan: { code } } };
}

/** May the crew declare the barcode unreadable now? Not after a scan of another meter, nor once scanned. */
export function canOverride(s: FlowState): boolean {
  return currentStep(s)?.t === 'scan' && s.data.mismatch === undefined && s.data.scanned === undefined;
}

/** An input while the scan step is on the plan (not-done and the scan prompt are the caller's). */
export function scanStepInput(s: FlowState, a: FlowAction): FlowState {
  if (a.t === 'edit') return { ...s, field: a.text, notice: null };
  if (a.t === 'enter') return submitScan(s, s.field);
  if (a.t === 'back') return s.field !== '' ? { ...s, field: '' } : prev(s);
  if (a.t === 'soft' && a.n === 3) {
    if (s.data.mismatch !== undefined) return { ...s, notice: { ui: 'fw.scan.overrideAfterMismatch', params: { code: s.data.mismatch } } };
    return canOverride(s) ? { ...s, field: '', notice: null, phase: { s: 'scan-override', selected: 0 } } : s;
  }
  return s;
}

/** The reason list: ↑/↓ move, a digit or Enter takes the reason, Back returns to the scan. */
export function overrideInput(s: FlowState, selected: number, a: FlowAction): FlowState {
  const n = SCAN_OVERRIDE_REASONS.length;
  if (a.t === 'move') return { ...s, phase: { s: 'scan-override', selected: (selected + (a.by < 0 ? n - 1 : 1)) % n } };
  if (a.t === 'back') return { ...s, phase: { s: 'plan' } };
  const i = a.t === 'enter' ? selected : a.t === 'digit' ? Number(a.d) - 1 : -1;
  const reason = SCAN_OVERRIDE_REASONS[i];
  if (!reason || !canOverride(s)) return s;
  const scanOverride: ScanOverride = { reasonCode: reason.code, operatorId: s.ctx.operatorId, at: s.now.at };
  return next({ ...s, phase: { s: 'plan' }, data: proven(s.data, { scanOverride }) });
}

/** A scan on a screen off the plan: from the reason list or a wrong-meter stop it is the re-scan. */
export function scanOffPlan(s: FlowState, code: string): FlowState {
  const st = s.phase;
  if (st.s === 'scan-override' || (st.s === 'stopped' && st.wrongScan)) return submitScan(s, code);
  return s;
}

/** The app's answer to `findJob`: kept on the stop it was asked for, so F4 can open that job. */
export function jobOfMeter(s: FlowState, a: Extract<FlowAction, { t: 'jobOfMeter' }>): FlowState {
  const st = s.phase;
  if (st.s !== 'stopped' || st.wrongScan?.code !== a.code || !a.job || a.job.jobId === s.ctx.jobId) return s;
  return { ...s, phase: { ...st, wrongScan: { code: a.code, other: a.job } } };
}
