import { kv, labelled } from './layout.js';
import type { DocLine, SiteInfo } from './types.js';

/** Customer, address and meter identity as every field document prints them. */
export function siteBlock(s: SiteInfo, w: number): DocLine[] {
  return [
    ...labelled('Abone:', s.customerName, w),
    ...labelled('Adres:', s.address, w),
    ...kv('Tesisat No:', s.installationNo, w),
    ...(s.contractAccount ? kv('Sözleşme Hesap No:', s.contractAccount, w) : []),
    ...kv('Sayaç Seri No:', s.meterSerial, w),
  ];
}

/**
 * The meter's barcode was declared unreadable instead of scanned (issue 19, docs/domain.md §2 "Scan
 * gate"): printed under the meter it concerns with the reason picked, as the reading's preview shows
 * it, so the paper left on site says the meter was not proven by a scan.
 */
export function scanOverrideBlock(reason: string | undefined, w: number): DocLine[] {
  return reason ? labelled('Barkod okunamadı:', reason, w) : [];
}
