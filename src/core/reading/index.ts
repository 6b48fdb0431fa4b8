/** Reading validation (docs/domain.md §2): rules, keypad parsing, checks and the crew's entry flow. */
export * from './types.js';
export * from './messages.js';
export * from './noReadCodes.js';
export * from './rules.js';
export * from './scanGate.js';
export * from './expectedConsumption.js';
export * from './parseKeyedIndex.js';
export * from './validateReading.js';
export {
  ReadingEntry,
  type EntryContext,
  type EntryOutcome,
  type EntryState,
  type GatedNoRead,
  type MeterChangedOutcome,
  type PendingReading,
  type ReadingOutcome,
} from './ReadingEntry.js';
