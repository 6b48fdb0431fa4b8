/**
 * Tiny argument parser for the subcommands: `--name value`, `--name=value`, repeatable options and
 * boolean flags. Unknown options are an error, so a typo never silently changes a bill.
 */
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export interface ArgSpec {
  /** options that take a value */
  values?: string[];
  /** options that may repeat (subset of values) */
  repeat?: string[];
  /** options without a value */
  flags?: string[];
}

export interface ParsedArgs {
  values: Record<string, string[]>;
  flags: Set<string>;
  positional: string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = (eq > 0 ? a.slice(2, eq) : a.slice(2));
    if (spec.flags?.includes(name)) { flags.add(name); continue; }
    if (!spec.values?.includes(name)) throw new AppError(`unknown option --${name}`, ErrorCode.Input_Invalid, { context: { option: name } });
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined) throw new AppError(`--${name} needs a value`, ErrorCode.Input_Invalid, { context: { option: name } });
    if (values[name] && !spec.repeat?.includes(name)) throw new AppError(`--${name} given twice`, ErrorCode.Input_Invalid, { context: { option: name } });
    (values[name] ??= []).push(v);
  }
  return { values, flags, positional };
}

export function one(p: ParsedArgs, name: string): string | undefined {
  return p.values[name]?.[0];
}

export function required(p: ParsedArgs, name: string): string {
  const v = one(p, name);
  if (v === undefined) throw new AppError(`--${name} is required`, ErrorCode.Input_Invalid, { context: { option: name } });
  return v;
}

/** A whole number ≥ 0 given as plain digits (no sign, no exponent, no decimals). */
export function wholeNumber(p: ParsedArgs, name: string): number | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw new AppError(`--${name} must be a whole number, got "${v}"`, ErrorCode.Input_Invalid, { context: { option: name } });
  return Number(v);
}
