/**
 * What one `saha doctor` check reports: one line for the technician. `ok` false is a problem that
 * stops the terminal working as provisioned and makes doctor exit non-zero; `warn` marks something
 * worth fixing that does not (doctor still exits 0). `fix` says what to do, in one line; '' when ok.
 */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  fix: string;
  warn?: true;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, ok: true, detail, fix: '' });
export const problem = (name: string, detail: string, fix: string): CheckResult => ({ name, ok: false, detail, fix });
export const warning = (name: string, detail: string, fix: string): CheckResult => ({ name, ok: true, detail, fix, warn: true });

/** A check that could not run because an earlier one failed: still a problem, pointing at the cause. */
export const notChecked = (name: string, because: string): CheckResult => ({
  name,
  ok: false,
  detail: `not checked: ${because}`,
  fix: `fix the ${because.split(' ')[0]} check first`,
});

export function formatResult(r: CheckResult): string {
  const status = !r.ok ? 'PROBLEM' : r.warn ? 'warn' : 'ok';
  return `${status.padEnd(7)} ${r.name.padEnd(11)} ${r.detail}${r.fix ? ` — fix: ${r.fix}` : ''}`;
}

export const allOk = (rs: readonly CheckResult[]): boolean => rs.every((r) => r.ok);

export function errText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}
