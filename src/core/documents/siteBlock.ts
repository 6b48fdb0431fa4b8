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
