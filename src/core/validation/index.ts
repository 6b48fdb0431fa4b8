export { check, is, isRecord, type Checked, type CheckOptions, type Issue, type IssueCode, type Report } from './check.js';
export type { Wording } from './messages.js';
export {
  DATE_PATTERN,
  decimal,
  DECIMAL_PATTERN,
  flag,
  intOrHex,
  intOrHexValue,
  oneOf,
  text,
  TIME_PATTERN,
  wholeNumber,
} from './schemas.js';
export type { DecimalBounds } from './schemas.js';
