/**
 * Checks a parsed device/input/*.json (see device/input/README.md) against InputProfileSchema with
 * the shared helper (src/core/validation) and fills the defaults. Keys the schema does not name
 * are allowed ("name", notes), as they always were for these files.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../errors/AppError.js';
import { check, flag, intOrHex, intOrHexValue, isRecord, oneOf } from '../validation/index.js';
import { INPUT_KEYS } from './InputEvent.js';
import type { InputProfile, KeymapTarget } from './InputProfile.js';
import { defaultHidPosLayout, type HidPosLayout } from './decodeHidPosReport.js';

const KEYMAP_TARGETS = [
  ...INPUT_KEYS.filter((k): k is Exclude<typeof k, 'digit' | 'char'> => k !== 'digit' && k !== 'char'),
  'none',
] as const;

const nullable = (min: number, max: number) =>
  Type.Union([intOrHex(min, max), Type.Null()], {
    errorMessage: `must be null or a whole number ${min}–${max}, as a number or a "0x…" string`,
  });

const HidPosSchema = Type.Object({
  reportId: Type.Optional(nullable(0, 255)),
  lengthIndex: Type.Optional(intOrHex(0, 1023)),
  dataIndex: Type.Optional(intOrHex(0, 1023)),
  dataMax: Type.Optional(intOrHex(0, 1023)),
  symbologyIndex: Type.Optional(nullable(0, 1023)),
  symbologyLength: Type.Optional(intOrHex(0, 8)),
  continuationIndex: Type.Optional(nullable(0, 1023)),
  continuationMask: Type.Optional(intOrHex(0, 255)),
  encoding: Type.Optional(Type.String({ minLength: 1, errorMessage: 'must be a text encoding such as "utf-8"' })),
  continuationTimeoutMs: Type.Optional(intOrHex(0, 60_000)),
});

export const InputProfileSchema = Type.Object({
  id: Type.String({
    pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
    errorMessage: 'must be a short name such as "scanner" (letters, digits, . _ -)',
  }),
  name: Type.Optional(Type.String()),
  role: oneOf(['keypad', 'scanner']),
  match: Type.Object(
    {
      vendorId: intOrHex(0, 0xffff),
      productId: intOrHex(0, 0xffff),
      usagePage: Type.Optional(intOrHex(0, 0xffff)),
      usage: Type.Optional(intOrHex(0, 0xffff)),
      interface: Type.Optional(intOrHex(0, 255)),
    },
    { errorMessage: 'must be an object { vendorId, productId, usagePage?, usage?, interface? }' },
  ),
  driver: oneOf(['hidraw', 'libusb'], { default: 'hidraw' }),
  protocol: oneOf(['keyboard', 'hid-pos'], { default: 'keyboard' }),
  reportId: Type.Optional(Type.Union([intOrHex(1, 255), Type.Null()], { errorMessage: 'must be null or a report number 1–255' })),
  terminator: oneOf(['enter', 'tab', 'none'], { default: 'enter' }),
  scanDetection: Type.Optional(flag()),
  burst: Type.Optional(Type.Object({ maxGapMs: Type.Optional(intOrHex(1, 10_000)), minLength: Type.Optional(intOrHex(1, 1000)) })),
  keymap: Type.Optional(Type.Record(Type.String(), oneOf(KEYMAP_TARGETS), { errorMessage: 'must be an object { "0x3a": "f1", ... }' })),
  hidPos: Type.Optional(HidPosSchema),
});

const num = (v: unknown) => intOrHexValue(v) as number;

function hidPosLayout(h: Static<typeof HidPosSchema> | undefined): HidPosLayout {
  const d = defaultHidPosLayout;
  const n = <K extends keyof HidPosLayout>(k: K): number => (h?.[k] === undefined ? (d[k] as number) : num(h[k]));
  const nn = <K extends keyof HidPosLayout>(k: K): number | null =>
    h?.[k] === undefined ? (d[k] as number | null) : h[k] === null ? null : num(h[k]);
  return {
    reportId: nn('reportId'),
    lengthIndex: n('lengthIndex'),
    dataIndex: n('dataIndex'),
    dataMax: n('dataMax'),
    symbologyIndex: nn('symbologyIndex'),
    symbologyLength: n('symbologyLength'),
    continuationIndex: nn('continuationIndex'),
    continuationMask: n('continuationMask'),
    encoding: h?.encoding ?? d.encoding,
    continuationTimeoutMs: n('continuationTimeoutMs'),
  };
}

/**
 * Validates a parsed device/input/*.json and fills defaults. Throws AppError Config_Invalid listing
 * every problem at once (context.errors, "key: message"), so a technician fixes the file in one go.
 */
export function parseInputProfile(json: unknown, file = '<profile>'): InputProfile {
  const r = check(InputProfileSchema, json, {
    defaults: true,
    rules: (v, report) => {
      const o = isRecord(v) ? v : {};
      if (o.protocol === 'hid-pos' && o.role !== 'scanner') report('protocol', 'hid-pos is only for role "scanner"');
      // Keymap keys are HID usage ids of keyboard keys (0x04 "a" … 0xff), as the keypad's README lists them.
      for (const k of Object.keys(isRecord(o.keymap) ? o.keymap : {})) {
        const usage = intOrHexValue(k);
        if (usage === undefined || usage < 0x04 || usage > 0xff)
          report(`keymap.${k}`, `key must be a usage id 0x04–0xff such as "0x3a" (got ${JSON.stringify(k)})`);
      }
    },
  });
  if (!r.ok) {
    const errors = r.errors.map((e) => `${e.key}: ${e.message}`);
    throw new AppError(`invalid input device profile ${file}: ${errors.join('; ')}`, ErrorCode.Config_Invalid, {
      context: { file, errors },
    });
  }
  const p = r.value;
  const match: InputProfile['match'] = { vendorId: num(p.match.vendorId), productId: num(p.match.productId) };
  if (p.match.usagePage !== undefined) match.usagePage = num(p.match.usagePage);
  if (p.match.usage !== undefined) match.usage = num(p.match.usage);
  if (p.match.interface !== undefined) match.interface = num(p.match.interface);
  const keymap = new Map<number, KeymapTarget>();
  for (const [k, v] of Object.entries(p.keymap ?? {})) keymap.set(num(k), v);
  return {
    id: p.id,
    name: p.name ?? p.id,
    role: p.role,
    match,
    driver: p.driver,
    protocol: p.protocol,
    reportId: p.reportId === undefined || p.reportId === null ? null : num(p.reportId),
    terminator: p.terminator,
    scanDetection: p.scanDetection ?? p.role === 'keypad',
    burst: {
      maxGapMs: p.burst?.maxGapMs === undefined ? (p.role === 'scanner' ? 100 : 40) : num(p.burst.maxGapMs),
      minLength: p.burst?.minLength === undefined ? 4 : num(p.burst.minLength),
    },
    keymap,
    hidPos: hidPosLayout(p.hidPos),
  };
}
