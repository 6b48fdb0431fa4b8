/**
 * The QR code on an invoice, which the back office scans and recomputes.
 *
 * Payload (ASCII only, '|'-separated, so every scanner and our QR byte count agree):
 *   SAHA1|<invoiceNo>|<ettn>|<total>|<payable>|<h>
 * Verification hash h = the first 16 lowercase hex digits of
 *   SHA-256( UTF-8( "SAHA1|" + invoiceNo + "|" + ettn + "|" + issuedAt + "|" + deviceId + "|"
 *                   + installationNo + "|" + total + "|" + payable ) )
 * where total and payable are the invoice's canonical decimal strings ("2461.63", as in the
 * invoice.issued event) and issuedAt is that event's timestamp verbatim. The back office has all of
 * these from invoice.issued, so it can recompute h and spot a forged or altered slip. It is a
 * checksum, not a signature: it has no secret key (that would need a per-device key from provisioning).
 */
import { createHash } from 'node:crypto';
import type { Invoice } from '../billing/types.js';

export const QR_VERSION = 'SAHA1';

export function invoiceVerificationHash(
  inv: Pick<Invoice, 'invoiceNo' | 'ettn' | 'issuedAt' | 'deviceId' | 'total' | 'payable'> & { customer: { installationNo: string } },
): string {
  const input = [QR_VERSION, inv.invoiceNo, inv.ettn, inv.issuedAt, inv.deviceId, inv.customer.installationNo, inv.total, inv.payable].join(
    '|',
  );
  return createHash('sha256').update(input, 'utf8').digest('hex').slice(0, 16);
}

export function invoiceQrPayload(inv: Parameters<typeof invoiceVerificationHash>[0]): string {
  const payload = [QR_VERSION, inv.invoiceNo, inv.ettn, inv.total, inv.payable, invoiceVerificationHash(inv)].join('|');
  if (!/^[\x20-\x7e]+$/.test(payload)) throw new RangeError('invoice QR payload must be ASCII');
  return payload;
}
