/**
 * Diaphragm gas meter classes and their maximum flow Qmax in m³/h (EN 1359 / OIML R 137 G-sizes,
 * docs/invoice.md "Plausibility"): a G4 household meter cannot pass more than 6 m³ an hour, so no
 * period can have consumed more than Qmax × the period's hours.
 */
export const METER_CLASSES = ['G1.6', 'G2.5', 'G4', 'G6', 'G10', 'G16', 'G25'] as const;
export type MeterClass = (typeof METER_CLASSES)[number];

export const MAX_FLOW_M3_PER_HOUR: Readonly<Record<MeterClass, number>> = Object.freeze({
  'G1.6': 2.5,
  'G2.5': 4,
  G4: 6,
  G6: 10,
  G10: 16,
  G16: 25,
  G25: 40,
});

export function isMeterClass(s: string): s is MeterClass {
  return (METER_CLASSES as readonly string[]).includes(s);
}
