/**
 * Why a meter was not read. A blank reading is never accepted without one of these codes
 * (docs/domain.md §2). The default table is *assumed* there, so it is configurable through
 * ReadingRules.noReadCodes; these defaults are the docs/domain.md table verbatim.
 */
import { message, type Message } from './messages.js';

export interface NoReadCode {
  /** Two digits, as keyed on the handheld and sent to the back office. */
  readonly code: string;
  /** Turkish label shown in the pick list (fits the 40-column screen). */
  readonly label: string;
  /** The reader must type a free-text note (code 99 "Diğer"). */
  readonly requiresNote: boolean;
  /** The back office must open a follow-up (inspection or meter work). */
  readonly followUp: boolean;
}

const c = (code: string, label: string, extra: { requiresNote?: boolean; followUp?: boolean } = {}): NoReadCode =>
  Object.freeze({ code, label, requiresNote: extra.requiresNote ?? false, followUp: extra.followUp ?? false });

export const DEFAULT_NO_READ_CODES: readonly NoReadCode[] = Object.freeze([
  c('01', 'Kapı/ev kapalı – kimse yok'),
  c('02', 'Sayaç kilitli alanda / erişim yok'),
  c('03', 'Sayaç görülemiyor / önü kapalı'),
  c('04', 'Köpek / güvenlik riski'),
  c('05', 'Abone okutmadı'),
  c('06', 'Sayaç arızalı / numaratör dönmüyor', { followUp: true }),
  c('07', 'Numaratör okunamıyor'),
  c('08', 'Sayaç yok / sökülmüş', { followUp: true }),
  c('09', 'Mühür kopuk / müdahale şüphesi', { followUp: true }),
  c('10', 'Adres bulunamadı / boş bina'),
  c('11', 'Sayaç seri no uyuşmuyor', { followUp: true }),
  c('12', 'Gaz kapalı / mühürlü'),
  c('99', 'Diğer', { requiresNote: true }),
]);

export interface NoReadOutcome {
  readonly kind: 'no-read';
  readonly code: string;
  /** Trimmed; absent when the reader typed none (or only blanks). */
  readonly note?: string;
  readonly followUp: boolean;
}

/**
 * Checks a no-read choice against the configured codes. A rejection is something the reader can
 * fix on the screen (wrong code typed, note missing or too long), so it comes back as a message,
 * not as a thrown error.
 */
export function checkNoRead(
  codes: readonly NoReadCode[],
  code: string,
  note: string | undefined,
  noteMaxLength: number,
): { ok: true; outcome: NoReadOutcome } | { ok: false; message: Message } {
  const entry = codes.find((x) => x.code === code);
  if (!entry) return { ok: false, message: message('noRead.unknownCode', { code }) };
  const text = note?.trim() ?? '';
  if (entry.requiresNote && text === '') return { ok: false, message: message('noRead.noteRequired', { code }) };
  // Count code points, not UTF-16 units, so Turkish letters and emoji count as one each.
  if ([...text].length > noteMaxLength) return { ok: false, message: message('noRead.noteTooLong', { max: String(noteMaxLength) }) };
  const outcome: NoReadOutcome =
    text === '' ? { kind: 'no-read', code, followUp: entry.followUp } : { kind: 'no-read', code, note: text, followUp: entry.followUp };
  return { ok: true, outcome };
}
