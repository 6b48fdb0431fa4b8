/** Kaçak / usulsüz inspections: parameters, accrual, the report as sealed evidence. Pure. */
export * from './config.js';
export * from './computeAccrual.js';
export * from './report.js';
export * from './errors.js';
export * from './accrualOutcome.js';
// The paper's words (accrualText, outcomeText, PENDING_TEXT) live with the printed documents.
export * from '../documents/inspectionReportText.js';
