/**
 * The inspection use cases as the UI calls them (AppServices.inspections), with the logged-in
 * operator bound, and the reading of the parameter file (device/reference/inspection.json).
 * Split from InspectionService.ts to keep files small; behaviour unchanged.
 */
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import { parseInspectionConfig, type InspectionConfig, type InspectionDraft, type SealedReport } from '../core/inspection/index.js';
import type { InspectionRecord } from '../core/store/records.js';
import type { BusyTask, PrintedDocument } from './AppServices.js';
import type { InspectionPreview, InspectionService, Operator } from './InspectionService.js';

/** What the UI uses (AppServices.inspections): the service with the logged-in operator bound. */
export interface InspectionUseCases {
  config(): InspectionConfig;
  get(reportNo: string): InspectionRecord | undefined;
  ofJob(jobId: string): readonly InspectionRecord[];
  begin(r: { jobId: string }): Promise<InspectionRecord>;
  beginCorrection(reportNo: string): Promise<InspectionRecord>;
  save(reportNo: string, draft: InspectionDraft): Promise<void>;
  preview(reportNo: string, draft: InspectionDraft): InspectionPreview;
  confirm(reportNo: string, draft: InspectionDraft): Promise<SealedReport>;
  discard(reportNo: string, reason: string): Promise<void>;
  print(reportNo: string): Promise<PrintedDocument>;
}

export function inspectionUseCases(
  s: InspectionService,
  who: () => Operator,
  busy: <T>(label: BusyTask, fn: () => Promise<T>) => Promise<T> = (_l, fn) => fn(),
): InspectionUseCases {
  return {
    config: () => s.config,
    get: (no) => s.get(no),
    ofJob: (jobId) => s.ofJob(jobId),
    begin: (r) => s.begin({ jobId: r.jobId, operatorId: who().operatorId }),
    beginCorrection: (no) => s.beginCorrection(no, who().operatorId),
    save: (no, d) => s.save(no, d, who().operatorId),
    preview: (no, d) => s.preview(no, d, [who().operatorId]),
    confirm: (no, d) => s.confirm(no, d, [who()]),
    discard: (no, reason) => s.discard(no, reason, who().operatorId),
    print: (no) => busy('printing', () => s.print(no, who().operatorId)),
  };
}

/**
 * Reads and validates an inspection parameter file (device/reference/inspection.json). Every
 * problem is in the one error, each with its path, so a technician fixes the file in one go.
 */
export async function readInspectionConfig(file: string): Promise<InspectionConfig> {
  const { readFile } = await import('node:fs/promises');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new AppError(`${file}: ${e instanceof Error ? e.message : String(e)}`, ErrorCode.Config_Unreadable, {
      cause: e,
      context: { file },
    });
  }
  const r = parseInspectionConfig(raw);
  if (!r.ok)
    throw new AppError(`${file}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, ErrorCode.Config_Invalid, {
      context: { file, errors: r.errors },
    });
  return r.config;
}
