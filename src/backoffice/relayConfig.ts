/**
 * The mail relay's config file (`saha mail-relay --config relay.json`), validated whole: every
 * problem at once, each naming its key. Secrets (MQTT and SMTP passwords) are files, mode 0600.
 * Example: docs/examples/mail-relay.json.
 */
import { Type, type Static } from '@sinclair/typebox';
import { check } from '../core/validation/index.js';

const Str = (o: { default?: string; description?: string; minLength?: number } = {}) => Type.String(o);

export const RelayConfigSchema = Type.Object(
  {
    mqtt: Type.Object(
      {
        url: Str({ minLength: 1, description: 'broker, mqtts://host:8883' }),
        username: Str({ default: '', description: 'back-office account' }),
        passwordFile: Str({ default: '', description: 'file holding its password, mode 0600' }),
        caFile: Str({ default: '', description: 'CA certificate for mqtts://' }),
        clientId: Type.String({
          pattern: '^[A-Za-z0-9_.-]{1,64}$',
          description: 'unique per relay and stable across restarts (persistent session, ledger owner)',
        }),
        group: Type.String({
          pattern: '^[A-Za-z0-9_-]{0,64}$',
          default: 'mail-relay',
          description: 'shared subscription group; "" = no sharing (a single relay)',
        }),
        protocolVersion: Type.Union([Type.Literal(4), Type.Literal(5)], { default: 5 }),
      },
      { additionalProperties: false },
    ),
    smtp: Type.Object(
      {
        host: Str({ minLength: 1 }),
        port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
        secure: Type.Boolean({ default: false, description: 'true: TLS from the first byte (port 465); false: STARTTLS when offered' }),
        requireTLS: Type.Boolean({
          default: true,
          description: 'refuse to send without STARTTLS (customer data must not cross in clear text)',
        }),
        caFile: Str({ default: '', description: 'CA certificate of the SMTP server, when not a public CA' }),
        user: Str({ default: '' }),
        passwordFile: Str({ default: '', description: 'SMTP password file, mode 0600' }),
        timeoutMs: Type.Integer({ minimum: 1000, default: 30_000, description: 'connection and socket timeout of one attempt' }),
      },
      { additionalProperties: false },
    ),
    mail: Type.Object(
      {
        from: Str({ minLength: 3, description: 'e.g. "Örnek Gaz <fatura@ornekgaz.com.tr>"' }),
        messageIdDomain: Type.String({ pattern: '^[A-Za-z0-9.-]{1,253}$', default: 'saha.invalid' }),
      },
      { additionalProperties: false },
    ),
    pdf: Type.Object(
      {
        page: Type.Union([Type.Literal('a4'), Type.Literal('slip')], { default: 'a4' }),
        operatorsFile: Str({
          default: '',
          description:
            'operator names printed on the PDF as "name (id)", as the handheld prints them: JSON [{operatorId, name}] or CSV lines operatorId,name (further columns ignored); read at start; "" = ids only',
        }),
        fontDir: Str({
          default: '/usr/share/fonts/truetype/dejavu',
          description:
            'holds DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSansMono.ttf and DejaVuSansMono-Bold.ttf (Debian: fonts-dejavu-core)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    distributor: Type.Object(
      {
        title: Str({ minLength: 1 }),
        address: Str({ minLength: 1 }),
        taxOffice: Str({ minLength: 1 }),
        taxNo: Str({ minLength: 1 }),
        phone: Type.Optional(Str()),
      },
      { additionalProperties: false },
    ),
    ledgerDir: Str({ minLength: 1, description: 'idempotency record; shared by every relay of the group' }),
    leaseMs: Type.Integer({ minimum: 5000, default: 120_000 }),
    retry: Type.Object(
      {
        minMs: Type.Integer({ minimum: 10, default: 1000 }),
        maxMs: Type.Integer({ minimum: 10, default: 300_000 }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type RelayConfig = Static<typeof RelayConfigSchema>;

export type RelayConfigResult = { ok: true; config: RelayConfig } | { ok: false; errors: { key: string; message: string }[] };

export function parseRelayConfig(text: string): RelayConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ key: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  // The one validation helper (src/core/validation/check.ts): every problem at once, one per key.
  const checked = check(RelayConfigSchema, raw, { defaults: true });
  if (!checked.ok)
    return { ok: false, errors: checked.errors.map((e) => ({ key: e.key === '(root)' ? '(file)' : e.key, message: e.message })) };
  return { ok: true, config: checked.value as RelayConfig };
}
