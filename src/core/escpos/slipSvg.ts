/**
 * A picture of the slip as SVG, for the technician's tool and demo mode: monospace text in 12×24
 * dot cells (font A at 203 dpi; font B 9×17), bold and double width/height approximated, the QR
 * drawn as a box with its data (good enough to check layout; not a scannable symbol).
 */
import { alignPad, fontBColumns, type DecodedSlip } from './decodeEscPos.js';

const CW = 12;
const CH = 24;
const M = 8;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderSlipSvg(slip: DecodedSlip): string {
  const W = slip.width;
  const width = W * CW + 2 * M;
  const parts: string[] = [];
  let y = M;
  for (const l of slip.lines) {
    if (l.kind === 'text') {
      const h = l.spans.length ? Math.max(...l.spans.map((s) => s.heightMul * (s.fontB ? 17 : CH))) : CH;
      const small = l.spans.length > 0 && l.spans.every((s) => s.fontB);
      let x = M + alignPad(l.columns, small ? fontBColumns(W) : W, l.align).length * (small ? 9 : CW);
      for (const s of l.spans) {
        const chars = [...s.text].length;
        const w = chars * (s.fontB ? 9 : CW) * s.widthMul;
        if (s.text.trim()) {
          parts.push(
            `<text x="${x}" y="${y + h - (s.fontB ? 4 : 6)}" font-size="${(s.fontB ? 14 : 20) * s.heightMul}" textLength="${w}" lengthAdjust="spacingAndGlyphs"${s.bold ? ' font-weight="bold"' : ''}${s.underline ? ' text-decoration="underline"' : ''} xml:space="preserve">${esc(s.text)}</text>`,
          );
        }
        x += w;
      }
      y += h;
    } else if (l.kind === 'qr') {
      const side = Math.min(W * CW - 16, Math.max(96, l.moduleSize * 41));
      const x = M + (W * CW - side) / 2;
      parts.push(`<rect x="${x}" y="${y + 4}" width="${side}" height="${side}" fill="none" stroke="black" stroke-width="3"/>`);
      const per = Math.max(4, Math.floor((side - 8) / 7));
      const rows = l.data.match(new RegExp(`.{1,${per}}`, 'g')) ?? [];
      rows
        .slice(0, Math.floor((side - 8) / 12))
        .forEach((r, i) => parts.push(`<text x="${x + 4}" y="${y + 18 + i * 12}" font-size="11">${esc(r)}</text>`));
      y += side + 8;
    } else if (l.kind === 'image') {
      parts.push(`<rect x="${M}" y="${y}" width="${Math.min(W * CW, l.widthDots)}" height="${l.heightDots}" fill="#ccc"/>`);
      y += l.heightDots;
    } else {
      parts.push(`<line x1="0" y1="${y + CH / 2}" x2="${width}" y2="${y + CH / 2}" stroke="black" stroke-dasharray="6 4"/>`);
      y += CH;
    }
  }
  const height = y + M;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, monospace">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
