/**
 * The one WHERE clause every section applies to events, so --date and --device mean the same in
 * all of them. Parameters are positional: the clause uses $1 (date) and $2 (device); a section's
 * own parameters start at $3.
 */
import type { ReportFilter } from './types.js';

export const eventFilterSql = (alias = 'e') =>
  `($1::date is null or ${alias}.local_date = $1::date) and ($2::text is null or ${alias}.device_id = $2::text)`;

export const eventFilterParams = (f: ReportFilter): [string | null, string | null] => [f.date ?? null, f.deviceId ?? null];
