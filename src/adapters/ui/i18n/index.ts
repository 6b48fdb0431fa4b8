/**
 * The UI catalogue: `t(key, params)` in the chosen locale, the reading messages of core (their
 * words in readingMessages.ts, spread into tr.ts / en.ts), and the shared catalogues' words the
 * screens show (src/catalogues: words the app or the back office need as well).
 */
import { fillTemplate } from '../../../core/text/fillTemplate.js';
import { formatDecimal, isDecimalString, roundWhole } from '../../../core/text/format.js';
import type { Message } from '../../../core/reading/messages.js';
import type { Locale } from '../../../catalogues/locale.js';
import { EN } from './en.js';
import { TR, type UiKey } from './tr.js';

export { fieldWorkText } from '../../../catalogues/fieldWorkMessages.js';
export { scanOverrideLabel } from '../../../catalogues/scanOverrideReasons.js';
export type { Locale, UiKey };
export type Params = Readonly<Record<string, string | number>>;
export type Translator = ((key: UiKey, params?: Params) => string) & { readonly locale: Locale };

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<UiKey, string>>>> = { tr: TR, en: EN };

export function translator(locale: Locale): Translator {
  const cat = CATALOGUES[locale];
  const t = (key: UiKey, params: Params = {}): string =>
    fillTemplate(cat[key], (name) => (params[name] === undefined ? undefined : String(params[name])));
  return Object.assign(t, { locale });
}

const QUANTITIES: ReadonlySet<string> = new Set(['consumption', 'limit', 'expected']);

/** A message of the reading state machine, in the UI's locale. */
export function readingText(m: Message, locale: Locale): string {
  return fillTemplate(CATALOGUES[locale][m.key], (name) => {
    const v = m.params[name];
    // Quantities in the one number style (src/core/text/format.ts), in every locale; indexes and
    // codes stay as keyed (an index's leading zeros are the meter's dials, not a number to group).
    if (v === undefined || !QUANTITIES.has(name) || !isDecimalString(v)) return v;
    // An expectation is an estimate: whole m³ (half-up), not a false tenth.
    return formatDecimal(name === 'expected' ? roundWhole(v) : v);
  });
}

/** Looks a key up only if the catalogue has it (error codes, result names from the app). */
export function hasKey(key: string): key is UiKey {
  return Object.prototype.hasOwnProperty.call(TR, key);
}
