/**
 * The AsyncAPI 3 description of contract v1 (docs/asyncapi.yaml), built from the same TypeBox
 * schemas the device validates with, so the published document cannot drift from the code.
 * Written from the device's point of view: it receives jobs, commands, tariffs and acks and sends
 * events and status. MQTT specifics are AsyncAPI mqtt bindings 0.2.0.
 */
import { stringify } from 'yaml';
import { COMMAND_SCHEMAS } from '../commands.js';
import { EVENT_TYPES, EVENT_TYPES_ADDED_IN_V1 } from '../events/eventTypes.js';
import { JOB_MESSAGE_SCHEMAS } from '../jobMessages.js';
import { MAX_JSON_DEPTH } from '../scanPayload.js';
import { contractSchemas } from './schemaFiles.js';

const BINDING_VERSION = '0.2.0';
const SESSION_EXPIRY_S = 7 * 24 * 3600;
const qos1 = (retain: boolean) => ({ mqtt: { qos: 1, retain, bindingVersion: BINDING_VERSION } });
const ref = (path: string) => ({ $ref: path });

export const SIGNING = {
  algorithm: 'Ed25519',
  encoding: 'base64url, no padding',
  canonicalization: 'RFC 8785 (JSON Canonicalization Scheme)',
  signedBytes: 'UTF-8 of the canonical JSON of the whole message without `sig` (`kid` included)',
  fields: { kid: 'key id of the back-office signing key', sig: 'the signature' },
  rotation: 'devices hold several public keys by kid; sign with the new key once devices have it, then retire the old one',
} as const;

const INFO_DESCRIPTION = `MQTT contract v1 between the Saha handheld terminals and the back office (billing, dispatch,
collections). Generated from the device's TypeBox schemas by \`npx tsx scripts/gen-contract.ts\`; do not edit by hand.
Names are fixed within v1; fields may be added, never renamed or removed, so receivers must accept unknown fields.

## Connection
- One MQTT client per handheld; \`clientId\` = the device id (\`[A-Za-z0-9-]{1,32}\`, set at provisioning).
- Persistent session: MQTT 3.1.1 \`clean: false\`, or MQTT 5 \`cleanStart: false\` with a session expiry of at
  least 7 days, so jobs sent while the handheld is out of coverage wait at the broker.
- QoS 1 everywhere. Payloads are UTF-8 JSON objects. Money and other exact quantities are decimal strings
  (\`"772.23"\`), never JSON numbers. Timestamps are ISO-8601 with offset, Europe/Istanbul
  (\`2026-11-25T09:14:03.120+03:00\`); dates are \`YYYY-MM-DD\`.
- TLS (server CA, optional client certificate) and username/password are configurable.
- Last will: the status topic with \`{"state":"offline", ...}\`, retained.
- A device subscribes to its own \`jobs\`, \`commands\` and \`acks\` and to \`saha/v1/tariffs/+\`, and publishes only
  under its own \`saha/v1/devices/{deviceId}/\`; the broker ACL enforces exactly that.

## Signed orders
Job messages, commands and tariffs carry \`kid\` and \`sig\`: an ${SIGNING.algorithm} signature, ${SIGNING.encoding}, over the
${SIGNING.canonicalization} canonical JSON of the message without \`sig\` (\`kid\` is signed too). Devices hold the back
office's public keys by kid from provisioning (several at once, for rotation) and, once signature checking is switched
on, reject anything unsigned or badly signed with a \`job.rejected\` event. A signed message also carries (additions
within v1, signed too) \`deviceId\`, the device it is for (\`"*"\` for a tariff), and \`notAfter\`, an ISO-8601 instant:
with signature checking on, a device refuses a signed message that lacks either, names another device, or arrives after
its \`notAfter\` by the device's clock (a re-sent order expires with its first sending). A retained tariff identical to
the one a device holds is not answered again. A key that appears twice in one JSON object is refused in every inbound
message, signed or not.

## Rejections
A job message, command or tariff that is not JSON, not an object, too large, nested more than ${MAX_JSON_DEPTH} levels deep, of an
unknown \`type\`, or with missing or wrong fields, is answered with a \`job.rejected\` event listing every problem as
\`{path, message}\` (path: JSON pointer into the message, "/" for the whole). Size and depth are checked on the raw
bytes before parsing; the rejection still carries the \`messageId\` (read from the top level of the raw bytes when it is
a plain string) and, for a tariff, its \`tariffId\`. Unknown command types are rejected, never ignored. A rejection is
final for that message: the back office sends a corrected one under a new messageId.

## Every message answered
A message that changes nothing on the device is answered too, with \`job.ignored\` (addition within v1) and a
\`reason\`: \`duplicate\` (a messageId processed before; its first answer stands), \`older-version\` (a job.assign
whose version is not above the one held, given as \`heldVersion\`), \`already-cancelled\` (a repeated job.cancel),
\`unknown-job\` (a job.cancel for a job never held; remembered, so a later job.assign of it is refused).
\`job.ignored\` is never a refusal. A cancel or crew message that took effect is still answered by no event of its own.

## Events
\`eventId\` is unique forever; \`seq\` increases by one per event on a device and is never reused, even across crashes,
so the back office can see gaps and drop duplicates. Delivery is at-least-once: an event may arrive twice (same
\`eventId\`), never zero times.

## End-to-end acknowledgement
A PUBACK only says the broker has an event, and a broker can lose what it acknowledged (a crash before its next save).
Once events are committed in its store, the back office publishes \`{"ackedSeq": N, "at": "…"}\` retained on
\`saha/v1/devices/{deviceId}/acks\`: every event of that device with seq ≤ N (from the \`heldFromSeq\` of its latest
\`sync.requested\` on) is stored. A device that has seen an ack for itself keeps each event after PUBACK until an ack
covers it, and re-sends what is not covered after a reconnect or a timeout. A device that never sees one behaves as
before (forgets an event at PUBACK). Its status then also reports \`unackedDepth\` and \`oldestUnackedAt\`.

## Resynchronisation
At its first connection after start, and whenever the broker answers a connection with no session, a device sends
\`sync.requested\`: the jobs it holds (jobId, version), 200 per event in numbered pages, and \`heldFromSeq\`, the
lowest seq it still holds. The back office re-sends the jobs it sent that the device does not hold. A device also sends it
(reason \`released\`) when an ack stops below seqs it forgot at PUBACK before acks were on: seqs below \`heldFromSeq\`
will never come, so the back office stops waiting for them.

## Additions within v1
Not in the first contract text, added compatibly: the \`acks\` topic; the optional \`unackedDepth\` and
\`oldestUnackedAt\` of the status; the \`wipe\` command; the ${EVENT_TYPES_ADDED_IN_V1.map((t) => `\`${t}\``).join(', ')}
events (\`invoice.voided\`: an invoice number reserved but never issued); \`operatorId: null\` on events that happen with nobody logged in;
\`messageId: null\` and optional \`topic\` and \`tariffId\` on \`job.rejected\`; optional \`messageId\` on \`job.cancel-too-late\`; the
optional tutanak details on \`inspection.reported\`.

Sample messages: test/fixtures/contract/ in the device repository.`;

const camel = (s: string) => s.replace(/[.-]([a-z])/g, (_, c: string) => c.toUpperCase());

export function buildAsyncApi(): Record<string, unknown> {
  const schemas = Object.fromEntries(contractSchemas());
  const describe = (name: string) => String((schemas[name] as { description?: string }).description ?? '');

  const signedNote = `Signed order: carries \`kid\` and \`sig\` (${SIGNING.algorithm} over the ${SIGNING.canonicalization} canonical JSON without \`sig\`).`;
  const message = (name: string, title: string, extra: Record<string, unknown> = {}) => ({
    name,
    title,
    summary: describe(name) || title,
    contentType: 'application/json',
    payload: ref(`#/components/schemas/${name}`),
    ...extra,
  });

  const jobMessages = Object.fromEntries(
    Object.keys(JOB_MESSAGE_SCHEMAS).map((t) => [t, message(t, t, { description: signedNote, 'x-signed': SIGNING })]),
  );
  const commandMessages = Object.fromEntries(
    Object.keys(COMMAND_SCHEMAS).map((t) => [
      `command.${t}`,
      message(`command.${t}`, `command ${t}`, { description: signedNote, 'x-signed': SIGNING }),
    ]),
  );
  const eventMessages = Object.fromEntries(
    EVENT_TYPES.map((t) => [
      `event.${t}`,
      message(`event.${t}`, t, {
        description:
          `Published on saha/v1/devices/{deviceId}/events/${t}; \`type\` in the envelope equals the topic's last segment.` +
          (EVENT_TYPES_ADDED_IN_V1.includes(t) ? ' Addition within v1.' : ''),
      }),
    ]),
  );
  const messages = {
    ...jobMessages,
    ...commandMessages,
    tariff: message('tariff', 'tariff', {
      description:
        'Retained. The unit price, K and calorific value of a period spanning several tariffs of a group are day-weighted averages.',
    }),
    'tariff.withdrawn': {
      name: 'tariff.withdrawn',
      title: 'tariff withdrawn',
      contentType: 'application/octet-stream',
      summary: 'An empty retained payload (zero bytes) on a tariff topic withdraws that tariff.',
      payload: { type: 'string', maxLength: 0, description: 'zero bytes' },
    },
    ...eventMessages,
    status: message('status', 'status', { description: 'Retained. Also registered as the last will with state "offline".' }),
    ack: message('ack', 'ack', {
      description: 'Retained. Addition within v1: the back office has stored every event of this device up to ackedSeq.',
    }),
  };

  const channelMessages = (names: string[]) => Object.fromEntries(names.map((n) => [n, ref(`#/components/messages/${n}`)]));
  const opMessages = (channel: string, names: string[]) => names.map((n) => ref(`#/channels/${channel}/messages/${n}`));
  const jobNames = Object.keys(jobMessages);
  const commandNames = Object.keys(commandMessages);
  const eventNames = Object.keys(eventMessages);

  const channels = {
    jobs: {
      address: 'saha/v1/devices/{deviceId}/jobs',
      title: 'Jobs for one device',
      description:
        "Back office → device, not retained; queued by the broker in the device's persistent session while it is offline. A job.assign with a higher job.version replaces the job; a lower or equal one is ignored and answered with job.ignored (older-version). job.cancel makes a pending job impossible to complete. Every message is answered: job.accepted, job.rejected, job.ignored or job.cancel-too-late; a cancel or crew message that took effect is inferred from later answers.",
      parameters: { deviceId: ref('#/components/parameters/deviceId') },
      messages: channelMessages(jobNames),
    },
    commands: {
      address: 'saha/v1/devices/{deviceId}/commands',
      title: 'Commands for one device',
      description: 'Back office → device, not retained. Unknown command types are rejected with a job.rejected event, not ignored.',
      parameters: { deviceId: ref('#/components/parameters/deviceId') },
      messages: channelMessages(commandNames),
    },
    tariffs: {
      address: 'saha/v1/tariffs/{tariffId}',
      title: 'Tariffs',
      description:
        "Back office → all devices, retained; devices subscribe to saha/v1/tariffs/+. An empty retained payload withdraws the tariff. The tariffId in the payload equals the topic's.",
      parameters: { tariffId: ref('#/components/parameters/tariffId') },
      messages: channelMessages(['tariff', 'tariff.withdrawn']),
    },
    events: {
      address: 'saha/v1/devices/{deviceId}/events/{type}',
      title: 'Events from one device',
      description: 'Device → back office, not retained, at-least-once. One message per event type.',
      parameters: { deviceId: ref('#/components/parameters/deviceId'), type: ref('#/components/parameters/eventType') },
      messages: channelMessages(eventNames),
    },
    status: {
      address: 'saha/v1/devices/{deviceId}/status',
      title: 'Status of one device',
      description: 'Device → back office, retained. The last will publishes the same message with state "offline".',
      parameters: { deviceId: ref('#/components/parameters/deviceId') },
      messages: channelMessages(['status']),
    },
    acks: {
      address: 'saha/v1/devices/{deviceId}/acks',
      title: 'End-to-end acknowledgements for one device',
      description:
        "Back office → device, retained (addition within v1). Published after events are committed in the back office's store; the device forgets an event only once ackedSeq covers it. A device reads only its own acks (ACL). ackedSeq never decreases; a device ignores one lower than it has seen.",
      parameters: { deviceId: ref('#/components/parameters/deviceId') },
      messages: channelMessages(['ack']),
    },
  };

  const operations = {
    receiveJobs: {
      action: 'receive',
      channel: ref('#/channels/jobs'),
      title: 'Receive job messages',
      messages: opMessages('jobs', jobNames),
      bindings: qos1(false),
    },
    receiveCommands: {
      action: 'receive',
      channel: ref('#/channels/commands'),
      title: 'Receive commands',
      messages: opMessages('commands', commandNames),
      bindings: qos1(false),
    },
    receiveTariffs: {
      action: 'receive',
      channel: ref('#/channels/tariffs'),
      title: 'Receive retained tariffs (subscription saha/v1/tariffs/+)',
      messages: opMessages('tariffs', ['tariff', 'tariff.withdrawn']),
      bindings: qos1(true),
    },
    sendEvents: {
      action: 'send',
      channel: ref('#/channels/events'),
      title: 'Send events',
      messages: opMessages('events', eventNames),
      bindings: qos1(false),
    },
    sendStatus: {
      action: 'send',
      channel: ref('#/channels/status'),
      title: 'Send status (and last will)',
      messages: opMessages('status', ['status']),
      bindings: qos1(true),
    },
    receiveAcks: {
      action: 'receive',
      channel: ref('#/channels/acks'),
      title: 'Receive end-to-end acknowledgements (retained)',
      messages: opMessages('acks', ['ack']),
      bindings: qos1(true),
    },
  };

  const lastWill = {
    state: 'offline',
    at: '2026-11-25T09:14:03.120+03:00',
    appVersion: '0.1.0',
    outboxDepth: 0,
    oldestPendingAt: null,
    printer: 'unknown',
    operatorId: null,
  };

  return {
    asyncapi: '3.0.0',
    info: { title: 'Saha handheld ⇄ back office (MQTT contract v1)', version: '1.0.0', description: INFO_DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      broker: {
        host: 'broker.example:8883',
        protocol: 'secure-mqtt',
        protocolVersion: '5.0',
        title: 'Back-office MQTT broker',
        description:
          'Host, TLS material and credentials are per installation (device configuration). MQTT 3.1.1 is also supported: then the session is kept with clean: false instead of a session expiry.',
        security: [ref('#/components/securitySchemes/userPassword'), ref('#/components/securitySchemes/clientCertificate')],
        bindings: {
          mqtt: {
            clientId: 'the device id, e.g. HT-0042',
            cleanSession: false,
            sessionExpiryInterval: SESSION_EXPIRY_S,
            lastWill: { topic: 'saha/v1/devices/{deviceId}/status', qos: 1, retain: true, message: JSON.stringify(lastWill) },
            bindingVersion: BINDING_VERSION,
          },
        },
      },
    },
    channels,
    operations,
    components: {
      parameters: {
        deviceId: { description: 'Device id = MQTT clientId: 1–32 of A–Z a–z 0–9 - (pattern ^[A-Za-z0-9-]{1,32}$)', examples: ['HT-0042'] },
        tariffId: { description: 'Tariff id: 1–64 of A–Z a–z 0–9 . _ -', examples: ['ESGAZ-K1-2025-08'] },
        eventType: { description: "Event type; equals the envelope's `type`", enum: [...EVENT_TYPES] },
      },
      messages,
      schemas,
      securitySchemes: {
        userPassword: { type: 'userPassword', description: 'MQTT username/password, per device (configurable)' },
        clientCertificate: { type: 'X509', description: 'Optional TLS client certificate; the server is verified against a configured CA' },
      },
    },
  };
}

/** docs/asyncapi.yaml text: deterministic, no anchors, no line folding. */
export function renderAsyncApi(): string {
  const header = '# GENERATED by `npx tsx scripts/gen-contract.ts` from src/core/contract. Do not edit by hand.\n';
  return header + stringify(buildAsyncApi(), { aliasDuplicateObjects: false, lineWidth: 0 });
}
