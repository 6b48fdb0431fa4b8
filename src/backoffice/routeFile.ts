/**
 * A route (the jobs of one device for a day) from a CSV or JSON file, validated against contract v1
 * before anything is sent, with every problem reported at once as row + column, so a dispatcher
 * fixes the spreadsheet in one round instead of learning about it from job.rejected events.
 *
 * CSV: one job per row; the header names the columns by their path in the job (`customer.name`,
 * `meter.lastIndex`, `debt.amount`…, see ROUTE_COLUMNS); an empty cell means "not given".
 * Conveniences for spreadsheets: `version` defaults to 1, `priority` to normal, `routeSeq` to the
 * data row's position; dates may be YYYY-MM-DD or DD.MM.YYYY; decimals may use a decimal comma
 * ("6,1"); booleans are true/false, 1/0, evet/hayır, yes/no; `debt.noticeChannels` is a list
 * separated by "|", as are `account.charges` and `consumptionHistory` (`2025-11:123|2025-10:98`).
 * See docs/examples/route.csv.
 *
 * JSON: an array of jobs, or `{ "jobs": [ … ] }`; "row" is then the job's position (1-based) and
 * "column" its field path.
 *
 * Pure: text in, jobs or problems out.
 */
import type { ContractError } from '../core/contract/contractError.js';
import { customerRules, JobSchema, REQUIRED_BY_KIND, type Job } from '../core/contract/job.js';
import { validateAgainst } from '../core/contract/validate.js';
import { parseCsv } from './csv.js';
import { chargesCell } from './routeCharges.js';
import { historyCell } from './routeHistory.js';

export interface RouteProblem {
  /** CSV: spreadsheet row (header = 1). JSON: position of the job (1-based); 0 = the file as a whole. */
  row: number;
  /** CSV column name (= dotted field path), or '' for the row / file as a whole. */
  column: string;
  message: string;
}

export type RouteResult = { ok: true; jobs: Job[] } | { ok: false; problems: RouteProblem[]; jobs: Job[] };

type CellType = 'string' | 'int' | 'decimal' | 'date' | 'datetime' | 'bool' | 'list' | 'charges' | 'history';

export const ROUTE_COLUMNS: readonly { name: string; type: CellType; note?: string }[] = [
  { name: 'jobId', type: 'string' },
  { name: 'version', type: 'int', note: 'default 1' },
  { name: 'kind', type: 'string' },
  { name: 'priority', type: 'string', note: 'default normal' },
  { name: 'routeSeq', type: 'int', note: 'default: position of the row' },
  { name: 'dueDate', type: 'date' },
  { name: 'customer.installationNo', type: 'string' },
  { name: 'customer.contractAccount', type: 'string' },
  { name: 'customer.name', type: 'string' },
  { name: 'customer.address', type: 'string' },
  { name: 'customer.phone', type: 'string' },
  { name: 'customer.email', type: 'string' },
  { name: 'customer.invoiceByEmail', type: 'bool' },
  { name: 'customer.protectedCategory', type: 'string', note: 'cut jobs: none, martyr-family or veteran' },
  { name: 'customer.taxId', type: 'string', note: 'VKN (10 digits) or TCKN (11); required when customer.company' },
  { name: 'customer.company', type: 'bool' },
  { name: 'customer.eInvoiceRegistered', type: 'bool' },
  { name: 'meter.serial', type: 'string' },
  { name: 'meter.barcode', type: 'string' },
  { name: 'meter.digits', type: 'int' },
  { name: 'meter.lastIndex', type: 'int' },
  { name: 'meter.lastReadDate', type: 'date' },
  { name: 'meter.expectedDailyM3', type: 'decimal' },
  { name: 'meter.class', type: 'string', note: 'G1.6, G2.5, G4, G6, G10, G16 or G25' },
  { name: 'tariffGroup', type: 'string' },
  { name: 'debt.amount', type: 'decimal' },
  { name: 'debt.oldestDueDate', type: 'date' },
  { name: 'debt.noticeSentAt', type: 'datetime' },
  { name: 'debt.noticeChannels', type: 'list' },
  { name: 'debt.unpaidPeriods', type: 'int' },
  { name: 'debt.unpaidConsumptionM3', type: 'decimal' },
  { name: 'account.previousCarry', type: 'decimal', note: "the previous invoice's roundingCarry" },
  { name: 'account.charges', type: 'charges', note: 'CODE:AMOUNT:VATRATE[:description], several separated by |' },
  { name: 'account.previousDebt', type: 'decimal', note: 'printed, not billed' },
  { name: 'consumptionHistory', type: 'history', note: 'earlier periods PERIOD:M3, several separated by | (e.g. 2025-11:123|2025-10:98)' },
  { name: 'notes', type: 'string' },
];
const BY_NAME = new Map(ROUTE_COLUMNS.map((c) => [c.name, c]));
const REQUIRED_COLUMNS = [
  'jobId',
  'kind',
  'dueDate',
  'customer.installationNo',
  'customer.contractAccount',
  'customer.name',
  'customer.address',
  'meter.serial',
  'meter.digits',
  'meter.lastIndex',
  'meter.lastReadDate',
];

/** Parses a route file; `name` decides the format (.json → JSON, anything else → CSV). */
export function parseRouteFile(name: string, text: string): RouteResult {
  return /\.json$/i.test(name) ? parseRouteJson(text) : parseRouteCsv(text);
}

export function parseRouteCsv(text: string): RouteResult {
  const { records, problems: csvProblems } = parseCsv(text);
  const problems: RouteProblem[] = csvProblems.map((p) => ({ row: p.row, column: '', message: p.message }));
  const [header, ...rows] = records;
  if (!header) return { ok: false, problems: [...problems, { row: 1, column: '', message: 'the file has no header row' }], jobs: [] };
  const names = header.cells;
  names.forEach((n, i) => {
    if (!BY_NAME.has(n))
      problems.push({
        row: header.row,
        column: n || `#${i + 1}`,
        message: `unknown column; known columns: ${ROUTE_COLUMNS.map((c) => c.name).join(', ')}`,
      });
    else if (names.indexOf(n) !== i) problems.push({ row: header.row, column: n, message: 'column appears twice' });
  });
  for (const r of REQUIRED_COLUMNS)
    if (!names.includes(r)) problems.push({ row: header.row, column: r, message: 'required column is missing' });
  if (problems.length) return { ok: false, problems, jobs: [] };
  if (!rows.length) return { ok: false, problems: [{ row: 2, column: '', message: 'the route has no jobs' }], jobs: [] };

  const jobs: Job[] = [];
  const seen = new Map<string, number>();
  rows.forEach((rec, i) => {
    const rowProblems: RouteProblem[] = [];
    const failed = new Set<string>();
    if (rec.cells.length > names.length)
      rowProblems.push({ row: rec.row, column: '', message: `has ${rec.cells.length} cells, the header has ${names.length} columns` });
    const job: Record<string, unknown> = {};
    names.forEach((n, c) => {
      const raw = rec.cells[c] ?? '';
      if (raw === '') return;
      const col = BY_NAME.get(n)!;
      const v = convert(raw, col.type);
      if (typeof v === 'object' && v !== null && 'error' in v)
        (rowProblems.push({ row: rec.row, column: n, message: String(v.error) }), failed.add(n));
      else setPath(job, n, v);
    });
    job.version ??= 1;
    job.priority ??= 'normal';
    job.routeSeq ??= i + 1;
    // A cell that failed to convert was left out of the job: its one problem is already reported.
    for (const e of validateJob(job))
      if (!failed.has(columnOf(e.path))) rowProblems.push({ row: rec.row, column: csvColumn(columnOf(e.path)), message: e.message });
    const kept = rowProblems;
    const jobId = typeof job.jobId === 'string' ? job.jobId : undefined;
    if (jobId !== undefined) {
      const first = seen.get(jobId);
      if (first !== undefined) kept.push({ row: rec.row, column: 'jobId', message: `${jobId} is already on row ${first}` });
      else seen.set(jobId, rec.row);
    }
    problems.push(...kept);
    if (!kept.length) jobs.push(job as unknown as Job);
  });
  return problems.length ? { ok: false, problems, jobs } : { ok: true, jobs };
}

export function parseRouteJson(text: string): RouteResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [{ row: 0, column: '', message: `not valid JSON (${(e as Error).message})` }], jobs: [] };
  }
  const list = Array.isArray(value) ? value : (value as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(list))
    return {
      ok: false,
      problems: [{ row: 0, column: '', message: 'must be an array of jobs or an object with a "jobs" array' }],
      jobs: [],
    };
  if (!list.length) return { ok: false, problems: [{ row: 0, column: '', message: 'the route has no jobs' }], jobs: [] };
  const problems: RouteProblem[] = [];
  const jobs: Job[] = [];
  const seen = new Map<string, number>();
  list.forEach((job: unknown, i) => {
    const row = i + 1;
    const errs = validateJob(job).map((e) => ({ row, column: columnOf(e.path), message: e.message }));
    const jobId = (job as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId === 'string') {
      const first = seen.get(jobId);
      if (first !== undefined) errs.push({ row, column: 'jobId', message: `${jobId} is already job ${first}` });
      else seen.set(jobId, row);
    }
    problems.push(...errs);
    if (!errs.length) jobs.push(job as Job);
  });
  return problems.length ? { ok: false, problems, jobs } : { ok: true, jobs };
}

/** Schema plus the per-kind rules parseInbound applies on the device: what the device would reject. */
export function validateJob(job: unknown): ContractError[] {
  const r = validateAgainst(JobSchema, job);
  const errors = r.ok ? [] : [...r.errors];
  if (typeof job === 'object' && job !== null) {
    const j = job as Record<string, unknown>;
    const needed = typeof j.kind === 'string' ? (REQUIRED_BY_KIND[j.kind as keyof typeof REQUIRED_BY_KIND] ?? []) : [];
    for (const k of needed) if (j[k] === undefined) errors.push({ path: `/${k}`, message: `is required for ${j.kind} jobs` });
    if (!errors.some((e) => e.path.startsWith('/customer/taxId'))) errors.push(...customerRules(j));
  }
  return errors;
}

/** "/meter/lastIndex" → "meter.lastIndex"; "/debt/noticeChannels/0" → "debt.noticeChannels". */
export function columnOf(path: string): string {
  const parts = path
    .split('/')
    .filter(Boolean)
    .filter((p) => !/^\d+$/.test(p));
  return parts.join('.');
}

export function formatRouteProblem(p: RouteProblem, file?: string): string {
  const where = [file, p.row > 0 ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}

/** A schema path that is a group of columns (a cut job without any debt.* cell) reads "debt.*". */
function csvColumn(col: string): string {
  if (col === '' || BY_NAME.has(col)) return col;
  // A field inside a list cell (consumptionHistory.period) is that cell's problem.
  const parts = col.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const cell = parts.slice(0, n).join('.');
    if (BY_NAME.get(cell)?.type === 'history' || BY_NAME.get(cell)?.type === 'charges') return cell;
  }
  return `${col}.*`;
}

function setPath(obj: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]!] = v;
}

function convert(raw: string, type: CellType): unknown {
  switch (type) {
    case 'string':
      return raw;
    case 'int':
      return /^-?\d{1,15}$/.test(raw) ? Number(raw) : { error: `must be a whole number, got "${raw}"` };
    case 'decimal': {
      const v = raw.replace(/^(-?\d+),(\d+)$/, '$1.$2');
      return /^-?\d+(\.\d+)?$/.test(v) ? v : { error: `must be a decimal number such as 6.1, got "${raw}"` };
    }
    case 'date': {
      const tr = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw);
      const v = tr ? `${tr[3]}-${tr[2]!.padStart(2, '0')}-${tr[1]!.padStart(2, '0')}` : raw;
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : { error: `must be a date YYYY-MM-DD or DD.MM.YYYY, got "${raw}"` };
    }
    case 'datetime':
      return raw;
    case 'bool': {
      const v = raw.toLocaleLowerCase('tr-TR');
      if (['true', '1', 'evet', 'e', 'yes', 'y'].includes(v)) return true;
      if (['false', '0', 'hayır', 'h', 'no', 'n'].includes(v)) return false;
      return { error: `must be true or false (evet/hayır), got "${raw}"` };
    }
    case 'list':
      return raw
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean);
    case 'charges':
      return chargesCell(raw);
    case 'history':
      return historyCell(raw);
  }
}
