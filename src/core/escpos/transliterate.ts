/**
 * ASCII fallback for printers without Turkish glyphs (profile encoding "ascii"). Turkish letters
 * lose only their marks (ş → s, ı → i, İ → I), so "Şükrü Işık" stays readable as "Sukru Isik".
 * Other characters lose combining marks (NFKD); what is left non-ASCII becomes '?'.
 */
const MAP: Record<string, string> = {
  ç: 'c',
  Ç: 'C',
  ğ: 'g',
  Ğ: 'G',
  ı: 'i',
  İ: 'I',
  ö: 'o',
  Ö: 'O',
  ş: 's',
  Ş: 'S',
  ü: 'u',
  Ü: 'U',
  â: 'a',
  Â: 'A',
  î: 'i',
  Î: 'I',
  û: 'u',
  Û: 'U',
  '³': '3',
  '²': '2',
  '€': 'EUR',
  '₺': 'TL',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '•': '*',
  '×': 'x',
  '✂': '%',
  ' ': ' ',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      out += ch;
      continue;
    }
    const m = MAP[ch];
    if (m !== undefined) {
      out += m;
      continue;
    }
    const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += /^[\x20-\x7e]+$/.test(stripped) ? stripped : '?';
  }
  return out;
}
