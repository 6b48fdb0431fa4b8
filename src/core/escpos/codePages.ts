/**
 * Single-byte code pages a Turkish field printer may use, and how text becomes bytes in them.
 *
 * The tables are ours (generated once from iconv-lite 0.6.3, the library node-thermal-printer uses)
 * rather than iconv at run time, so that the encoder and the decoder share one table and a round
 * trip test proves what the paper shows. The ESC t *number* of a page differs per printer make
 * (PC857 is 13 on Epson, 61 on many clones; WPC1254 is 48), so it lives in the printer profile,
 * never here.
 */
import { transliterate } from './transliterate.js';

/** How text is encoded. 'ascii' means: no Turkish glyphs on this printer, transliterate (ş → s). */
export type TextEncoding = 'pc437' | 'pc857' | 'wpc1254' | 'ascii';

// Upper halves (bytes 0x80–0xFF). U+FFFD marks a byte with no character in that page.
const UPPER: Record<Exclude<TextEncoding, 'ascii'>, string> = {
  pc437:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  pc857:
    'ÇüéâäàåçêëèïîıÄÅÉæÆôöòûùİÖÜø£ØŞşáíóúñÑĞğ¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ºªÊËÈ\ufffdÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµ\ufffd×ÚÛÙìÿ¯´\u00ad±\ufffd¾¶§÷¸°¨·¹³²■\u00a0',
  wpc1254:
    '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffd\ufffd\ufffd\ufffd‘’“”•–—˜™š›œ\ufffd\ufffdŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ',
};

const reverse = new Map<TextEncoding, Map<string, number>>();
function reverseTable(enc: TextEncoding): Map<string, number> {
  let m = reverse.get(enc);
  if (!m) {
    m = new Map();
    if (enc !== 'ascii') {
      const upper = UPPER[enc];
      for (let i = 0; i < 128; i++) {
        const ch = upper[i] as string;
        if (ch !== '\ufffd' && !m.has(ch)) m.set(ch, 0x80 + i);
      }
    }
    reverse.set(enc, m);
  }
  return m;
}

/** True when the page can print this character as itself (ASCII printable always can). */
export function canEncode(ch: string, enc: TextEncoding): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c < 0x7f) return true;
  return reverseTable(enc).has(ch);
}

/**
 * Text → bytes in the page. A character the page lacks is transliterated (ş → s, ³ → 3); what
 * still has no byte becomes '?'. Never switches page by itself (node-thermal-printer does, and may
 * pick a page the printer numbers differently). Control characters other than LF are dropped:
 * customer data must never smuggle ESC/POS commands onto the line.
 */
export function encodeText(text: string, enc: TextEncoding): Uint8Array {
  const out: number[] = [];
  const table = reverseTable(enc);
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\n') {
      out.push(0x0a);
      continue;
    }
    if (c < 0x20 || c === 0x7f) continue;
    if (c < 0x7f) {
      out.push(c);
      continue;
    }
    const b = table.get(ch);
    if (b !== undefined) {
      out.push(b);
      continue;
    }
    for (const t of transliterate(ch)) {
      const tc = t.codePointAt(0) ?? 0;
      out.push(tc >= 0x20 && tc < 0x7f ? tc : (table.get(t) ?? 0x3f));
    }
  }
  return Uint8Array.from(out);
}

/** One byte ≥ 0x20 → the character the printer shows for it in this page. */
export function decodeByte(b: number, enc: TextEncoding): string {
  if (b < 0x80) return String.fromCharCode(b);
  if (enc === 'ascii') return '?';
  return UPPER[enc][b - 0x80] ?? '?';
}

/** What the paper will show for this text in this page: the decode of its encode. */
export function printable(text: string, enc: TextEncoding): string {
  let s = '';
  for (const b of encodeText(text, enc)) s += b === 0x0a ? '\n' : decodeByte(b, enc);
  return s;
}
