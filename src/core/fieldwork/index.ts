/** Field work rules: cut preconditions, working time, seals, checklists, reference data (docs/domain.md §3). */
export * from './reference.js';
export * from './workingTime.js';
export * from './messages.js';
export * from './cutPreconditions.js';
export * from './seal.js';
export * from './checklist.js';
export * from './types.js';
export * from './reconnectCheck.js';
