import type { DeviceStatus } from './DeviceStatus.js';

/** Latest status per source id; pure, so the hub's presence logic is testable without devices. */
export type PresenceTable = ReadonlyMap<string, DeviceStatus>;

export function updatePresence(table: PresenceTable, s: DeviceStatus): { table: PresenceTable; changed: boolean } {
  const prev = table.get(s.source);
  const changed = prev === undefined || prev.state !== s.state || prev.error?.code !== s.error?.code;
  if (!changed) return { table, changed };
  const next = new Map(table);
  next.set(s.source, s);
  return { table: next, changed };
}

/** What the status bar needs: is any scanner usable, which devices are missing. */
export function summarizePresence(table: PresenceTable): { scannerReady: boolean; missing: DeviceStatus[] } {
  const all = [...table.values()];
  return {
    scannerReady: all.some((s) => s.role === 'scanner' && s.state === 'present'),
    missing: all.filter((s) => s.state !== 'present'),
  };
}
