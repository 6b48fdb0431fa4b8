/**
 * The printed-document catalogue for the words core's field-work rules put on paper and in the
 * record (issue 19: core/fieldwork hands out codes and data; the words are here, Turkish whatever
 * the screen language, like the documents, docs/invoice.md):
 * - a reconnection finding (core/fieldwork/reconnectCheck.ts) as the receipt prints it
 *   (renderReconnectionReceipt.ts, "TESPİT" block);
 * - the checklist answer recorded when the crew closed the valve again before leaving
 *   (core/fieldwork/checklist.ts valveReclosed): worded as the reference words the other answers
 *   that the slips print (device/reference/fieldwork.json `label` / `safe`), and sent to the
 *   office in the not-done record's checklist.
 */
import type { ReconnectFinding } from '../fieldwork/reconnectCheck.js';

/** The finding as the receipt prints it (the paper left with the customer). */
export function findingText(f: ReconnectFinding): string {
  switch (f.code) {
    case 'seal-mismatch':
      return `Sökülen mühür kesmedekinden farklı: kesmede ${f.atCut}, bulunan ${f.found}`;
    case 'index-advanced':
      return `Endeks kesmeden beri ilerlemiş: kesmede ${f.atCut}, şimdi ${f.found}`;
    case 'index-lower':
      return `Endeks kesmedekinden düşük: kesmede ${f.atCut}, şimdi ${f.found}`;
  }
}

/** The "valve closed again" answer: its item label and its answer, as a slip line words them. */
export const VALVE_RECLOSED_TEXT = { label: 'Vana yeniden kapatıldı', result: 'KAPATILDI' } as const;
