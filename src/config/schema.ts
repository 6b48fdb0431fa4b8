/**
 * The one configuration schema (zigbee2mqtt-style): every key typed, documented and defaulted here.
 * The README's configuration reference is generated from this file (scripts/gen-config-doc.ts).
 * Every key can be overridden from the environment as SAHA_<PATH>, e.g. mqtt.url → SAHA_MQTT_URL,
 * deviceId → SAHA_DEVICE_ID, dataDir → SAHA_DATA_DIR.
 */
import { Type, type Static } from '@sinclair/typebox';

const d = (description: string, extra: Record<string, unknown> = {}) => ({ description, ...extra });

const DECIMAL = '^[0-9]+(\\.[0-9]+)?$';
/** An inclusive range of decimal strings (exact like the tariff values they bound). */
const decimalRange = (what: string, min: string, max: string) =>
  Type.Object(
    {
      min: Type.String(d(`${what}: lowest accepted`, { default: min, pattern: DECIMAL })),
      max: Type.String(d(`${what}: highest accepted`, { default: max, pattern: DECIMAL })),
    },
    { additionalProperties: false, default: {} },
  );

export const MqttConfigSchema = Type.Object(
  {
    url: Type.String(d('Broker URL: mqtt://host:1883 or mqtts://host:8883. Empty in demo mode = the in-process broker.', { default: '' })),
    protocolVersion: Type.Union([Type.Literal(4), Type.Literal(5)], d('MQTT 3.1.1 (4) or 5', { default: 4 })),
    username: Type.String(d('Broker user name (empty: none)', { default: '' })),
    passwordFile: Type.String(d('File holding the broker password; must be mode 0600', { default: '' })),
    caFile: Type.String(d('PEM file of the CA that signed the broker certificate (mqtts)', { default: '' })),
    certFile: Type.String(d('Client certificate PEM (optional, mqtts)', { default: '' })),
    keyFile: Type.String(d('Client private key PEM (optional, mode 0600)', { default: '' })),
    servername: Type.String(d('TLS server name to check when it differs from the URL host', { default: '' })),
    keepaliveSec: Type.Integer(d('Keepalive; a dead GSM link is noticed within 1.5× this', { default: 20, minimum: 5, maximum: 300 })),
    reconnectMinMs: Type.Integer(d('First reconnect delay; doubles with jitter up to reconnectMaxMs', { default: 1000, minimum: 100 })),
    reconnectMaxMs: Type.Integer(d('Longest reconnect delay', { default: 60000, minimum: 1000 })),
    maxInFlight: Type.Integer(
      d("Events published and not yet acknowledged at once (clamped to the broker's MQTT 5 Receive Maximum)", {
        default: 64,
        minimum: 1,
        maximum: 1000,
      }),
    ),
    sessionExpirySec: Type.Integer(d('MQTT 5 session expiry (≥ 7 days so jobs wait at the broker)', { default: 604800, minimum: 604800 })),
    maxInboundBytes: Type.Integer(d('Largest inbound message accepted', { default: 262144, minimum: 1024 })),
    endToEndAck: Type.Union(
      [Type.Literal('auto'), Type.Literal('on'), Type.Literal('off')],
      d(
        "Keep each event after the broker's PUBACK until the back office acknowledges it on the acks topic (on), forget it at PUBACK (off), or off until the first ack for this device arrives and on from then, remembered across restarts (auto)",
        { default: 'auto' },
      ),
    ),
    ackTimeoutSec: Type.Integer(
      d(
        'With end-to-end acks on: re-send unacknowledged events when no ack has advanced for this long (then waits twice as long each time, up to 16×)',
        { default: 120, minimum: 5, maximum: 86400 },
      ),
    ),
  },
  { additionalProperties: false, default: {} },
);

/**
 * The sample distributor shipped as the default identity: right for demo mode, never for a device,
 * whose slips are the visuals of real e-Arşiv invoices (docs/invoice.md "Seller identity"; src/config/loadConfig.ts refuses it in device mode).
 */
export const PLACEHOLDER_DISTRIBUTOR = { title: 'ÖRNEK DOĞAL GAZ DAĞITIM A.Ş.', taxNo: '1234567890' } as const;

export const ConfigSchema = Type.Object(
  {
    mode: Type.Union(
      [Type.Literal('demo'), Type.Literal('device')],
      d('demo: in-process broker, virtual printer, keyboard, sample route; device: real hardware', { default: 'demo' }),
    ),
    deviceId: Type.String(d('Device id, also the MQTT client id', { default: 'HT-DEMO', pattern: '^[A-Za-z0-9-]{1,32}$' })),
    invoiceSeries: Type.String(
      d('3-character e-Arşiv invoice series assigned at provisioning', { default: 'DMO', pattern: '^[A-Z0-9]{3}$' }),
    ),
    infoSlipSeries: Type.String(
      d(
        '3-character series of the information slips (bilgi fişi) printed for e-Fatura buyers instead of an e-Arşiv invoice; assigned at provisioning like invoiceSeries, never equal to it',
        { default: 'DMB', pattern: '^[A-Z0-9]{3}$' },
      ),
    ),
    dataDir: Type.String(d('Directory of the local store', { default: '.saha-data' })),
    logFile: Type.String(d('Log file (never the TUI screen); empty = <dataDir>/saha.log', { default: '' })),
    logLevel: Type.Union(
      [Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug')],
      d('debug adds raw device bytes', { default: 'info' }),
    ),
    locale: Type.Union([Type.Literal('tr'), Type.Literal('en')], d('Screen language', { default: 'tr' })),
    mqtt: MqttConfigSchema,
    printer: Type.Object(
      {
        profile: Type.String(d('Printer profile name in device/printers or a path to a profile JSON', { default: 'virtual-pty' })),
        port: Type.String(d('Serial port path overriding the profile (prefer /dev/serial/by-id/…)', { default: '' })),
        printOnConfirm: Type.Boolean(
          d(
            'Print an invoice as soon as the crew confirms the reading (spot billing: digits, Enter, Enter); off: the saved screen waits for Enter / F1 to print',
            { default: true },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    input: Type.Object(
      {
        profile: Type.String(d('Input device profile name in device/input or a path (empty: terminal keyboard only)', { default: '' })),
        confirmPauseMs: Type.Integer(
          d(
            'Confirm screens (bill preview, no-read, field-work confirm) take a key only this long after the previous key: a key pressed before the screen appeared, a held key or a rhythm of keys cannot confirm (0: off)',
            { default: 400, minimum: 0, maximum: 5000 },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    distributor: Type.Object(
      {
        title: Type.String(d('Distributor title printed on invoices', { default: PLACEHOLDER_DISTRIBUTOR.title })),
        address: Type.String(d('Distributor address', { default: 'Organize Sanayi Bölgesi 1. Cad. No:1 Eskişehir' })),
        taxOffice: Type.String(d('Tax office', { default: 'Eskişehir V.D.' })),
        taxNo: Type.String(d('Tax number', { default: PLACEHOLDER_DISTRIBUTOR.taxNo })),
        mersisNo: Type.Optional(
          Type.String(d('MERSİS number (16 digits), printed on every document header when set', { pattern: '^[0-9]{16}$' })),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    tariffBounds: Type.Object(
      {
        vatRate: decimalRange('VAT as a fraction (0.20 = 20 %); a tariff outside is refused', '0', '1'),
        correctionFactor: decimalRange('Correction factor K (line pressure and temperature)', '0.8', '1.3'),
        calorificValueKcalPerM3: decimalRange('Upper calorific value, kcal/m³ (pipeline natural gas)', '8000', '11000'),
        unitPricePerKwh: decimalRange('Unit price, TL/kWh before VAT (raise the maximum for a real price rise)', '0.0001', '5'),
        minDueDays: Type.Integer(
          d('Fewest days between the bill and its due date (the legal minimum)', { default: 10, minimum: 1, maximum: 120 }),
        ),
      },
      {
        additionalProperties: false,
        default: {},
        description:
          'Plausible tariff values (src/core/billing/tariffBounds.ts): an inbound tariff outside them is refused with job.rejected, never stored',
      },
    ),
    reading: Type.Record(
      Type.String(),
      Type.Unknown(),
      d(
        'Reading validation rules (thresholds, heating season, no-read codes; src/core/reading/rules.ts). highConsumption: "supervisor" (default: a high reading, re-keyed identically, is billed on a supervisor\'s id and PIN) or "hold-for-office" (recorded without a bill; the office bills it after review, docs/invoice.md "Plausibility")',
        { default: {} },
      ),
    ),
    demo: Type.Object(
      {
        routeSize: Type.Integer(
          d('Demo mode: how many jobs the built-in back office dispatches (10000 exercises the screens and the store at a large route)', {
            default: 36,
            minimum: 1,
            maximum: 20000,
          }),
        ),
        brokerPort: Type.Integer(
          d(
            'Demo mode: the local port of the in-process broker (mqtt://127.0.0.1:PORT, for saha watch / report / dispatch against the demo); not 1883, which a system Mosquitto may hold. When taken, any free port (logged). 0: any free port',
            { default: 18830, minimum: 0, maximum: 65535 },
          ),
        ),
        ingest: Type.Boolean(
          d(
            'Demo mode: run the back-office event store (saha ingest on PGlite in <dataDir>/backoffice) as a child process, so end-to-end acks and saha report work',
            { default: true },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    fieldWork: Type.Object(
      {
        referenceFile: Type.String(
          d(
            'JSON file overriding device/reference (cut rules, working hours, holidays, checklists, seal format); empty = shipped defaults',
            { default: '' },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    store: Type.Object(
      {
        minFreeMB: Type.Integer(
          d(
            "Free-space floor of the data directory's file system: below it new work (readings, jobs, documents) is refused with a clear message while recorded work keeps being sent. Sized for a day's work: 300 readings write about 2.5 MB of journal and a checkpoint needs room for a second copy of the partitions it rewrites (a 3,000-job day is about 1.5 MB). 0 = no floor",
            { default: 32, minimum: 0, maximum: 100000 },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    security: Type.Object(
      {
        requireSignatures: Type.Boolean(d('Reject job messages and commands without a valid back-office signature', { default: false })),
        publicKeysDir: Type.String(d('Directory of back-office Ed25519 public keys, <kid>.pem', { default: '' })),
        storeKeyFile: Type.String(
          d('32-byte key (64 hex characters), mode 0600, outside dataDir: the store is encrypted at rest with AES-256-GCM when set', {
            default: '',
          }),
        ),
        sessionTimeoutMin: Type.Integer(
          d('Minutes without a key press after which the screen locks back to the login (0 = never)', {
            default: 10,
            minimum: 0,
            maximum: 480,
          }),
        ),
        retentionDays: Type.Integer(
          d('Completed jobs whose events were all delivered are purged after this many days', { default: 35, minimum: 1, maximum: 3650 }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
export type MqttConfig = Static<typeof MqttConfigSchema>;
