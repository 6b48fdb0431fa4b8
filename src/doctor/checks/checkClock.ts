/**
 * A wrong clock breaks TLS (certificates "not yet valid") and puts wrong dates on invoices and
 * events. Sources, all optional: NTP status from systemd-timesyncd (timedatectl) or chrony when
 * they are installed, the broker certificate's validity window seen in the TLS handshake (an
 * outside view that needs no NTP), and a floor: no correct clock is earlier than this release.
 */
import { spawnSync } from 'node:child_process';
import { isoInstant } from '../../core/time/calendar.js';
import { pass, problem, warning, type CheckResult } from '../CheckResult.js';
import type { CertWindow } from './checkBroker.js';

/** Runs a command; undefined when it is not installed or could not run (no systemd in a container). */
export type CommandRunner = (cmd: string, args: string[]) => { status: number | null; stdout: string } | undefined;

export const runCommand: CommandRunner = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 3000 });
  if (r.error) return undefined;
  return { status: r.status, stdout: r.stdout };
};

/** Earliest plausible time: this release was built after it. */
export const CLOCK_FLOOR = Date.parse('2025-06-01T00:00:00Z');
const MAX_OFFSET_S = 60;
const SET_CLOCK = 'sudo timedatectl set-ntp true (or: sudo date -s "YYYY-MM-DD HH:MM"), then re-run doctor';

export function checkClock(o: { now?: () => number; run?: CommandRunner; certWindow?: CertWindow; floor?: number } = {}): CheckResult {
  const now = (o.now ?? Date.now)();
  const run = o.run ?? runCommand;
  const at = isoInstant(now);
  if (now < (o.floor ?? CLOCK_FLOOR)) return problem('clock', `device time ${at} is before this software was released`, SET_CLOCK);
  const w = o.certWindow;
  if (w && (now < w.notBefore || now > w.notAfter)) {
    return problem(
      'clock',
      `device time ${at} is outside the broker certificate's validity ${isoInstant(w.notBefore)} – ${isoInstant(w.notAfter)}: TLS will fail`,
      SET_CLOCK,
    );
  }
  const seen: string[] = [];
  if (w) seen.push('within the broker certificate validity');
  let synced: boolean | undefined;
  const chrony = run('chronyc', ['-n', 'tracking']);
  if (chrony?.status === 0) {
    const off = /System time\s*:\s*([\d.]+) seconds (fast|slow)/.exec(chrony.stdout);
    const leap = /Leap status\s*:\s*(.+)/.exec(chrony.stdout)?.[1]?.trim();
    if (off && Number(off[1]) > MAX_OFFSET_S)
      return problem('clock', `chrony: the clock is ${Math.round(Number(off[1]))} s ${off[2]} of NTP time`, 'sudo chronyc makestep');
    synced = leap === 'Normal';
    seen.push(`chrony ${leap ?? 'status unknown'}`);
  } else {
    const td = run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value']);
    const v = td?.status === 0 ? td.stdout.trim() : '';
    if (v === 'yes' || v === 'no') {
      synced = v === 'yes';
      seen.push(`NTP synchronised: ${v}`);
    }
  }
  if (synced === false) {
    return warning(
      'clock',
      `${at}; ${seen.join('; ')}`,
      'the clock is not NTP-synchronised: sudo timedatectl set-ntp true and check that the NTP server is reachable',
    );
  }
  if (seen.length === 0)
    return warning(
      'clock',
      `${at}; no NTP status (no chrony/timedatectl) and no TLS broker to compare with`,
      'use mqtts:// or install systemd-timesyncd or chrony',
    );
  return pass('clock', `${at}; ${seen.join('; ')}`);
}
