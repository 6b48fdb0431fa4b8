/**
 * What a DLE EOT reply means (docs/implementation-notes.md §2; Bixolon SRP-350 p.8, Custom TG02H p.64).
 * Bits 1 and 4 are fixed 1, bits 0 and 7 fixed 0, so an all-OK reply is typically 0x12.
 *   n=1 printer:  bit3 offline
 *   n=2 offline:  bit2 cover open, bit5 stopped by paper end, bit6 error
 *   n=4 paper:    bits 2–3 (0x0C) near end, bits 5–6 (0x60) paper not present
 */

/** What the status bar shows. 'unknown': the profile has no status support or nobody asked yet. */
export type PrinterStatus = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'unknown';

export interface StatusReplies {
  /** Reply bytes; undefined = no reply within the timeout. */
  printer?: number | undefined;
  offline?: number | undefined;
  paper?: number | undefined;
}

export interface StatusReading {
  status: PrinterStatus;
  paperNearEnd: boolean;
  /** Why: which query/bit decided, for logs and the technician. */
  reason: string;
}

export function interpretStatus(r: StatusReplies): StatusReading {
  const nearEnd = r.paper !== undefined && (r.paper & 0x0c) !== 0;
  if (r.printer === undefined && r.offline === undefined && r.paper === undefined) {
    return { status: 'offline', paperNearEnd: false, reason: 'no reply to DLE EOT' };
  }
  if (r.paper !== undefined && (r.paper & 0x60) !== 0)
    return { status: 'paper-out', paperNearEnd: nearEnd, reason: 'DLE EOT 4: paper not present' };
  if (r.offline !== undefined && (r.offline & 0x20) !== 0)
    return { status: 'paper-out', paperNearEnd: nearEnd, reason: 'DLE EOT 2: stopped by paper end' };
  if (r.offline !== undefined && (r.offline & 0x04) !== 0)
    return { status: 'cover-open', paperNearEnd: nearEnd, reason: 'DLE EOT 2: cover open' };
  if (r.offline !== undefined && (r.offline & 0x40) !== 0) return { status: 'offline', paperNearEnd: nearEnd, reason: 'DLE EOT 2: error' };
  if (r.printer !== undefined && (r.printer & 0x08) !== 0)
    return { status: 'offline', paperNearEnd: nearEnd, reason: 'DLE EOT 1: offline' };
  if (r.printer === undefined || r.offline === undefined || r.paper === undefined) {
    // A printer that answers some queries but not others is not one we can vouch for.
    return { status: 'offline', paperNearEnd: nearEnd, reason: 'partial reply to DLE EOT' };
  }
  return { status: 'ready', paperNearEnd: nearEnd, reason: 'DLE EOT: ok' };
}

/** Reply bytes a printer in this state sends (used by the virtual printer). */
export function statusReplyFor(n: number, s: { paperOut: boolean; coverOpen: boolean; paperNearEnd?: boolean }): number {
  const base = 0x12;
  const offline = s.paperOut || s.coverOpen;
  switch (n) {
    case 1:
      return base | (offline ? 0x08 : 0);
    case 2:
      return base | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    case 3:
      return base;
    case 4:
      return base | (s.paperOut ? 0x60 : 0) | (s.paperNearEnd ? 0x0c : 0);
    default:
      return base;
  }
}
