export { check, is, isRecord, type Checked, type CheckOptions, type Issue, type IssueCode, type Report } from './check.js';
export type { Wording } from './messages.js';
