/** The UI catalogue: `t(key, params)` in the chosen locale, plus the reading messages of core. */
import { fillTemplate } from '../../../core/text/fillTemplate.js';
import { renderMessage, type Message } from '../../../core/reading/messages.js';
import { EN } from './en.js';
import { TR, type UiKey } from './tr.js';

export type { UiKey };
export type Locale = 'tr' | 'en';
export type Params = Readonly<Record<string, string | number>>;
export type Translator = ((key: UiKey, params?: Params) => string) & { readonly locale: Locale };

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<UiKey, string>>>> = { tr: TR, en: EN };

export function translator(locale: Locale): Translator {
  const cat = CATALOGUES[locale];
  const t = (key: UiKey, params: Params = {}): string =>
    fillTemplate(cat[key], (name) => (params[name] === undefined ? undefined : String(params[name])));
  return Object.assign(t, { locale });
}

/** A message of the reading state machine, in the UI's locale. */
export function readingText(m: Message, locale: Locale): string {
  return renderMessage(m.key, m.params, locale);
}

/** Looks a key up only if the catalogue has it (error codes, result names from the app). */
export function hasKey(key: string): key is UiKey {
  return Object.prototype.hasOwnProperty.call(TR, key);
}
