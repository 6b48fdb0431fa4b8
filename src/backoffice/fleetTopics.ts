/**
 * Subscription filters of the back-office consumers (contract v1 §Topics, docs/deployment.md).
 * A shared subscription `$share/<group>/<filter>` (MQTT 5; Mosquitto also accepts it from 3.1.1
 * clients, EMQX/HiveMQ/VerneMQ likewise) hands each message to ONE member of the group, so several
 * relays split the load; without a group every subscriber gets every message.
 */
import { TOPIC_ROOT } from '../core/contract/index.js';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

const GROUP_RE = /^[A-Za-z0-9_-]{1,64}$/;

export const fleetFilters = {
  events: (type = '+') => `${TOPIC_ROOT}/devices/+/events/${type}`,
  statuses: () => `${TOPIC_ROOT}/devices/+/status`,
  deviceEvents: (deviceId: string) => `${TOPIC_ROOT}/devices/${deviceId}/events/+`,
  deviceStatus: (deviceId: string) => `${TOPIC_ROOT}/devices/${deviceId}/status`,
} as const;

export function shared(group: string | undefined, filter: string): string {
  if (group === undefined || group === '') return filter;
  if (!GROUP_RE.test(group))
    throw new AppError(`shared subscription group "${group}" must be 1–64 of A–Z a–z 0–9 _ -`, ErrorCode.Input_Invalid, {
      context: { option: 'group' },
    });
  return `$share/${group}/${filter}`;
}
