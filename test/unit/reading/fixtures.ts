/** Shared test data for the reading tests (not a test file itself). */
import { DEFAULT_READING_RULES, type ReadingRules } from '../../../src/core/reading/rules.js';
import type { ReadingMeter } from '../../../src/core/reading/types.js';

/** 30 days in January (heating season), expected 2 m³/day → 60 m³; limits 150 (2.5×) and 18 (0.3×). */
export const winterMeter: ReadingMeter = { digits: 5, lastIndex: 12000, lastReadDate: '2026-01-01', expectedDailyM3: '2' };
export const WINTER_DATE = '2026-01-31';
/** 30 days in June–July (outside the default heating season), same expectation. */
export const summerMeter: ReadingMeter = { ...winterMeter, lastReadDate: '2026-06-01' };
export const SUMMER_DATE = '2026-07-01';

export const rules: ReadingRules = DEFAULT_READING_RULES;
export const revealed: ReadingRules = { ...DEFAULT_READING_RULES, revealLimits: true };
export const AT = '2026-01-31T10:15:00.000+03:00';
