/**
 * Copies the router's lines onto a blessed screen: one full-screen box whose content is the frame
 * with {inverse}/{bold} tags. blessed's own diffing (smartCSR) sends only changed cells, so a
 * repaint per key costs a few bytes over a serial console. This and runTui are the only files
 * that touch blessed (types at the boundary are loose on purpose: @types/blessed lags the code).
 */
import type { Widgets } from 'blessed';
import type { Size } from './view/frame.js';
import type { Line, Seg } from './view/text.js';

type Blessed = Pick<typeof import('blessed'), 'box'>;

/** blessed tag syntax reserves braces; these are its escapes. */
const escapeTags = (s: string): string => s.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));

function segToTags(s: Seg): string {
  const text = escapeTags(s.text);
  return s.style ? `{${s.style}}${text}{/${s.style}}` : text;
}

export const lineToTags = (l: Line): string => l.map(segToTags).join('');

export class BlessedPainter {
  private readonly box: Widgets.BoxElement;

  constructor(
    blessed: Blessed,
    private readonly screen: Widgets.Screen,
  ) {
    this.box = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: '100%', tags: true, wrap: false, scrollable: false });
  }

  size(): Size {
    return { cols: Number(this.screen.width), rows: Number(this.screen.height) };
  }

  paint(lines: Line[]): void {
    this.box.setContent(lines.map(lineToTags).join('\n'));
    this.screen.render();
  }
}
