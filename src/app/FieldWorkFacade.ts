/**
 * The field-work part of the UI facade (AppServices): the logged-in operator is filled in, a
 * supervisor's override is granted only after the PIN checks out (and only for the job it was
 * asked for, used once), and printing carries the crew's identity. SahaApp delegates here; screen
 * tests run on SahaApp itself (test/helpers/testApp.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type {
  CutCheck,
  CutWork,
  FieldWork,
  FieldWorkReference,
  MeterExchangeWork,
  NotDoneWork,
  ReconnectWork,
} from '../core/fieldwork/index.js';
import type { JobRecord } from '../core/jobs/types.js';
import type { Store } from '../ports/Store.js';
import type { BusyTask, OperatorSession, PrintedDocument } from './AppServices.js';
import type { CutRequest, FieldWorkService, MeterExchangeRequest, NotDoneRequest, ReconnectRequest } from './FieldWorkService.js';

export interface OverrideGrant {
  /** Handle for confirmCut; valid for this job only, once. */
  readonly grantId: string;
  readonly jobId: string;
  readonly supervisorId: string;
  readonly supervisorName: string;
  readonly reason: string;
}

export interface FieldWorkApi {
  /** Regulatory parameters, checklists, not-done codes, seal format (device/reference). */
  readonly fieldReference: FieldWorkReference;
  /** Last contact with the back office (epoch ms), null when never since start. */
  lastSyncAt(): number | null;
  /** The cut's preconditions right now, each satisfied or not. */
  cutCheck(jobId: string): CutCheck;
  /** Checks a supervisor's PIN and the reason; rejects with Auth_Failed / Input_Invalid. */
  authorizeOverride(o: { jobId: string; supervisorId: string; pin: string; reason: string }): Promise<OverrideGrant>;
  /** Rejects with Job_Cancelled when a cancel got there first, Job_WrongState when a precondition no longer holds. */
  confirmCut(c: Omit<CutRequest, 'operatorId' | 'override'> & { grantId?: string }): Promise<CutWork>;
  confirmReconnect(r: Omit<ReconnectRequest, 'operatorId'>): Promise<ReconnectWork>;
  confirmMeterExchange(m: Omit<MeterExchangeRequest, 'operatorId'>): Promise<MeterExchangeWork>;
  recordNotDone(n: Omit<NotDoneRequest, 'operatorId'>): Promise<NotDoneWork>;
  /** Prints the notice / receipt / report of a field job (same number on a retry). */
  printFieldWork(workId: string): Promise<PrintedDocument>;
  fieldWorkOf(jobId: string): readonly FieldWork[];
}

export interface FieldWorkFacadeDeps {
  service: FieldWorkService;
  store: Store;
  deviceId: string;
  lastSyncAt: () => number | null;
  session: () => OperatorSession | null;
  verifySupervisor: (operatorId: string, pin: string) => Promise<OperatorSession>;
  /** Wraps a print (busy indicator). */
  busy?: <T>(label: BusyTask, fn: () => Promise<T>) => Promise<T>;
}

export class FieldWorkFacade implements FieldWorkApi {
  private readonly grants = new Map<string, OverrideGrant>();

  constructor(private readonly d: FieldWorkFacadeDeps) {}

  get fieldReference(): FieldWorkReference {
    return this.d.service.reference;
  }

  private operator(): OperatorSession {
    const s = this.d.session();
    if (!s) throw new AppError('nobody is logged in', ErrorCode.Auth_Failed);
    return s;
  }

  lastSyncAt(): number | null {
    return this.d.lastSyncAt();
  }

  cutCheck(jobId: string): CutCheck {
    return this.d.service.cutCheck(jobId);
  }

  async authorizeOverride(o: { jobId: string; supervisorId: string; pin: string; reason: string }): Promise<OverrideGrant> {
    const min = this.fieldReference.cut.minOverrideReasonLength;
    if (o.reason.trim().length < min)
      throw new AppError(`override reason shorter than ${min}`, ErrorCode.Input_Invalid, { context: { field: 'reason', min } });
    const s = await this.d.verifySupervisor(o.supervisorId, o.pin);
    const grant: OverrideGrant = {
      grantId: randomUUID(),
      jobId: o.jobId,
      supervisorId: s.operatorId,
      supervisorName: s.name,
      reason: o.reason.trim(),
    };
    this.grants.set(grant.grantId, grant);
    return grant;
  }

  async confirmCut(c: Omit<CutRequest, 'operatorId' | 'override'> & { grantId?: string }): Promise<CutWork> {
    const { grantId, ...rest } = c;
    let override: CutRequest['override'];
    if (grantId !== undefined) {
      const g = this.grants.get(grantId);
      if (!g || g.jobId !== c.jobId)
        throw new AppError('override not granted for this job', ErrorCode.Auth_Failed, { context: { jobId: c.jobId } });
      override = { supervisorId: g.supervisorId, reason: g.reason };
    }
    const work = await this.d.service.confirmCut({ ...rest, operatorId: this.operator().operatorId, ...(override ? { override } : {}) });
    if (grantId !== undefined) this.grants.delete(grantId);
    return work;
  }

  confirmReconnect(r: Omit<ReconnectRequest, 'operatorId'>): Promise<ReconnectWork> {
    return this.d.service.confirmReconnect({ ...r, operatorId: this.operator().operatorId });
  }

  confirmMeterExchange(m: Omit<MeterExchangeRequest, 'operatorId'>): Promise<MeterExchangeWork> {
    return this.d.service.confirmMeterExchange({ ...m, operatorId: this.operator().operatorId });
  }

  recordNotDone(n: Omit<NotDoneRequest, 'operatorId'>): Promise<NotDoneWork> {
    return this.d.service.recordNotDone({ ...n, operatorId: this.operator().operatorId });
  }

  printFieldWork(workId: string): Promise<PrintedDocument> {
    const s = this.operator();
    const run = () => this.d.service.print(workId, { operatorId: s.operatorId, operatorName: s.name, deviceId: this.d.deviceId });
    return this.d.busy ? this.d.busy('printing', run) : run();
  }

  fieldWorkOf(jobId: string): readonly FieldWork[] {
    const rec = this.d.store.get('jobs', jobId);
    return (rec?.workIds ?? [])
      .map((id) => this.d.store.get('work', id))
      .filter((w): w is FieldWork => !!w && ['cut', 'reconnect', 'meter-exchange', 'not-done'].includes(w.kind));
  }
}
