/**
 * Whether a scanned (or keyed) code names the job's meter: its serial or its barcode, blanks around
 * it ignored. The one rule behind the scan gate (docs/domain.md §2, §3): the reading screen's
 * verdict, the reading service's own check and the field-work checks all ask it.
 */
export function isJobMeter(meter: { readonly serial: string; readonly barcode?: string | undefined }, code: string): boolean {
  const c = code.trim();
  return c === meter.serial || c === meter.barcode;
}
