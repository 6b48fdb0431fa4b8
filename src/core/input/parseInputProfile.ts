import { AppError, ErrorCode } from '../errors/AppError.js';
import { INPUT_KEYS } from './InputEvent.js';
import type { InputProfile, KeymapTarget } from './InputProfile.js';
import { defaultHidPosLayout, type HidPosLayout } from './decodeHidPosReport.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const KEYMAP_TARGETS: ReadonlySet<string> = new Set([
  ...INPUT_KEYS.filter((k) => k !== 'digit' && k !== 'char'),
  'none',
]);

/** Accepts 1234 or "0x04d2": lsusb and udev print ids in hex, JSON has no hex literals. */
function int(v: unknown, key: string, errs: string[], min: number, max: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^(0x[0-9a-f]+|[0-9]+)$/i.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    errs.push(`${key}: expected an integer ${min}..${max} (number or "0x…" string), got ${JSON.stringify(v)}`);
    return undefined;
  }
  return n;
}

function oneOf<T extends string>(v: unknown, key: string, allowed: readonly T[], dflt: T | undefined, errs: string[]): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  errs.push(`${key}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return allowed[0]!;
}

function opt(o: Obj, k: string, key: string, errs: string[], max: number): number | undefined {
  return o[k] === undefined ? undefined : int(o[k], key, errs, 0, max);
}

function hidPosLayout(v: unknown, errs: string[]): HidPosLayout {
  if (v === undefined) return defaultHidPosLayout;
  if (!isObj(v)) {
    errs.push('hidPos: expected an object');
    return defaultHidPosLayout;
  }
  const d = defaultHidPosLayout;
  const n = (k: keyof HidPosLayout, max: number, nullable = false) => {
    if (v[k] === undefined) return d[k] as number | null;
    if (nullable && v[k] === null) return null;
    return int(v[k], `hidPos.${k}`, errs, 0, max) ?? (d[k] as number | null);
  };
  const enc = v.encoding === undefined ? d.encoding : typeof v.encoding === 'string' ? v.encoding : undefined;
  if (enc === undefined) errs.push('hidPos.encoding: expected a string such as "utf-8"');
  return {
    reportId: n('reportId', 255, true),
    lengthIndex: n('lengthIndex', 1023) as number,
    dataIndex: n('dataIndex', 1023) as number,
    dataMax: n('dataMax', 1023) as number,
    symbologyIndex: n('symbologyIndex', 1023, true),
    symbologyLength: n('symbologyLength', 8) as number,
    continuationIndex: n('continuationIndex', 1023, true),
    continuationMask: n('continuationMask', 255) as number,
    encoding: enc ?? d.encoding,
    continuationTimeoutMs: n('continuationTimeoutMs', 60_000) as number,
  };
}

/**
 * Validates a parsed device/input/*.json and fills defaults. Throws AppError Config_Invalid listing
 * every problem at once (context.errors), each naming its key, so a technician fixes the file in one go.
 */
export function parseInputProfile(json: unknown, file = '<profile>'): InputProfile {
  const errs: string[] = [];
  const fail = () =>
    new AppError(`invalid input device profile ${file}: ${errs.join('; ')}`, ErrorCode.Config_Invalid, {
      context: { file, errors: [...errs] },
    });
  if (!isObj(json)) {
    errs.push('(root): expected an object');
    throw fail();
  }
  const id = typeof json.id === 'string' && /^[a-z0-9][a-z0-9._-]*$/i.test(json.id) ? json.id : undefined;
  if (id === undefined) errs.push('id: expected a short name such as "scanner" (letters, digits, . _ -)');
  const role = oneOf(json.role, 'role', ['keypad', 'scanner'] as const, undefined, errs);
  const protocol = oneOf(json.protocol, 'protocol', ['keyboard', 'hid-pos'] as const, 'keyboard', errs);
  if (protocol === 'hid-pos' && role !== 'scanner') errs.push('protocol: hid-pos is only for role "scanner"');

  const m = isObj(json.match) ? json.match : undefined;
  if (m === undefined) errs.push('match: expected { vendorId, productId, usagePage?, usage?, interface? }');
  const match: InputProfile['match'] = {
    vendorId: int(m?.vendorId, 'match.vendorId', errs, 0, 0xffff) ?? 0,
    productId: int(m?.productId, 'match.productId', errs, 0, 0xffff) ?? 0,
  };
  if (m !== undefined) {
    const up = opt(m, 'usagePage', 'match.usagePage', errs, 0xffff);
    const u = opt(m, 'usage', 'match.usage', errs, 0xffff);
    const i = opt(m, 'interface', 'match.interface', errs, 255);
    if (up !== undefined) match.usagePage = up;
    if (u !== undefined) match.usage = u;
    if (i !== undefined) match.interface = i;
  }

  const reportId = json.reportId === undefined || json.reportId === null ? null : int(json.reportId, 'reportId', errs, 1, 255) ?? null;
  const b = json.burst === undefined ? {} : isObj(json.burst) ? json.burst : (errs.push('burst: expected an object'), {});
  const burst = {
    maxGapMs: b.maxGapMs === undefined ? (role === 'scanner' ? 100 : 40) : int(b.maxGapMs, 'burst.maxGapMs', errs, 1, 10_000) ?? 40,
    minLength: b.minLength === undefined ? 4 : int(b.minLength, 'burst.minLength', errs, 1, 1000) ?? 4,
  };
  if (json.scanDetection !== undefined && typeof json.scanDetection !== 'boolean') errs.push('scanDetection: expected true or false');

  const keymap = new Map<number, KeymapTarget>();
  if (json.keymap !== undefined && !isObj(json.keymap)) errs.push('keymap: expected { "0x3a": "f1", ... }');
  for (const [k, v] of Object.entries(isObj(json.keymap) ? json.keymap : {})) {
    const usage = int(k, `keymap.${k}`, errs, 0x04, 0xff);
    if (typeof v !== 'string' || !KEYMAP_TARGETS.has(v)) {
      errs.push(`keymap.${k}: expected one of ${[...KEYMAP_TARGETS].join(', ')}, got ${JSON.stringify(v)}`);
    } else if (usage !== undefined) keymap.set(usage, v as KeymapTarget);
  }

  const profile: InputProfile = {
    id: id ?? '',
    name: typeof json.name === 'string' ? json.name : id ?? '',
    role,
    match,
    driver: oneOf(json.driver, 'driver', ['hidraw', 'libusb'] as const, 'hidraw', errs),
    protocol,
    reportId,
    terminator: oneOf(json.terminator, 'terminator', ['enter', 'tab', 'none'] as const, 'enter', errs),
    scanDetection: json.scanDetection === undefined ? role === 'keypad' : json.scanDetection === true,
    burst,
    keymap,
    hidPos: hidPosLayout(json.hidPos, errs),
  };
  if (errs.length > 0) throw fail();
  return profile;
}
