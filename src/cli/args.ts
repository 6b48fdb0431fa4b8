/**
 * Arguments of the subcommands, read with node:util parseArgs: `--name value`, `--name=value`,
 * repeatable options and boolean flags. parseArgs runs non-strict and hands back its tokens so
 * that the checks below keep one wording across commands (and tests): an unknown option, a
 * missing value, an option given twice are each an Input_Invalid naming the option, so a typo
 * never silently changes a bill.
 */
import { parseArgs as parseTokens, type ParseArgsConfig } from 'node:util';
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

const invalid = (message: string, option: string) => new AppError(message, ErrorCode.Input_Invalid, { context: { option } });

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of spec.values ?? []) options[name] = { type: 'string', multiple: true };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  // Non-strict: `--route --check` takes "--check" as the route (as before) and unknown options
  // come back as tokens, reported below in the project's words rather than Node's.
  const { tokens } = parseTokens({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positional.push(t.value);
    if (t.kind !== 'option') continue;
    const type = options[t.name]?.type;
    if (type === undefined) throw invalid(`unknown option ${t.rawName}`, t.name);
    if (type === 'boolean') {
      if (t.value !== undefined) throw invalid(`${t.rawName} takes no value`, t.name);
      flags.add(t.name);
      continue;
    }
    if (t.value === undefined) throw invalid(`--${t.name} needs a value`, t.name);
    if (values[t.name] && !spec.repeat?.includes(t.name)) throw invalid(`--${t.name} given twice`, t.name);
    (values[t.name] ??= []).push(t.value);
  }
  return { values, flags, positional };
}

export function one(p: ParsedArgs, name: string): string | undefined {
  return p.values[name]?.[0];
}

export function required(p: ParsedArgs, name: string): string {
  const v = one(p, name);
  if (v === undefined) throw invalid(`--${name} is required`, name);
  return v;
}

/** A whole number ≥ 0 given as plain digits (no sign, no exponent, no decimals). */
export function wholeNumber(p: ParsedArgs, name: string): number | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw invalid(`--${name} must be a whole number, got "${v}"`, name);
  return Number(v);
}
