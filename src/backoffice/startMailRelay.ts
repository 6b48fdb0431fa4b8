/**
 * Wires a mail relay from its config: ledger, SMTP mailer, PDF fonts, and a persistent back-office
 * MQTT session subscribed to invoice.issued (through `$share/<group>/…` when a group is set).
 * `stop()` leaves a message being handled unacknowledged, so it is delivered again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackOfficeClient } from './BackOfficeClient.js';
import { mqttOptions, readSecretFile } from './brokerConfig.js';
import { fleetFilters, shared } from './fleetTopics.js';
import { checkFonts, defaultFonts } from './invoicePdf.js';
import { MailLedger } from './MailLedger.js';
import { MailRelay, type Mailer } from './MailRelay.js';
import { readOperatorNames } from './operatorNames.js';
import type { RelayConfig } from './relayConfig.js';
import { SmtpMailer } from './SmtpMailer.js';
import type { Log } from '../ports/Logger.js';

export interface RunningRelay {
  relay: MailRelay;
  client: BackOfficeClient;
  stop(): Promise<void>;
}

export async function startMailRelay(cfg: RelayConfig, deps: { log: Log; mailer?: Mailer }): Promise<RunningRelay> {
  const fonts = defaultFonts(cfg.pdf.fontDir);
  checkFonts(fonts);
  const mailer =
    deps.mailer ??
    new SmtpMailer({
      host: cfg.smtp.host,
      port: cfg.smtp.port,
      secure: cfg.smtp.secure,
      requireTLS: cfg.smtp.requireTLS,
      timeoutMs: cfg.smtp.timeoutMs,
      ...(cfg.smtp.caFile ? { ca: readFileSync(cfg.smtp.caFile) } : {}),
      ...(cfg.smtp.user ? { user: cfg.smtp.user } : {}),
      ...(cfg.smtp.passwordFile ? { password: readSecretFile(cfg.smtp.passwordFile, 'smtp.passwordFile') } : {}),
    });
  const relay = new MailRelay({
    ledger: new MailLedger(cfg.ledgerDir),
    mailer,
    owner: cfg.mqtt.clientId,
    from: cfg.mail.from,
    distributor: cfg.distributor,
    page: cfg.pdf.page,
    fonts,
    ...(cfg.pdf.operatorsFile ? { operatorNames: readOperatorNames(cfg.pdf.operatorsFile) } : {}),
    leaseMs: cfg.leaseMs,
    retry: cfg.retry,
    messageIdDomain: cfg.mail.messageIdDomain,
    log: deps.log,
  });
  const client = await BackOfficeClient.connect(
    mqttOptions(
      {
        url: cfg.mqtt.url,
        protocolVersion: cfg.mqtt.protocolVersion,
        ...(cfg.mqtt.username ? { username: cfg.mqtt.username } : {}),
        ...(cfg.mqtt.passwordFile ? { passwordFile: cfg.mqtt.passwordFile } : {}),
        ...(cfg.mqtt.caFile ? { caFile: cfg.mqtt.caFile } : {}),
      },
      { clientId: cfg.mqtt.clientId, clean: false },
    ),
    { log: deps.log },
  );
  client.onMessage(async (topic, payload) => {
    await relay.handleUntilDone(topic, payload);
  });
  await client.subscribe([shared(cfg.mqtt.group || undefined, fleetFilters.events('invoice.issued'))]);
  deps.log(
    'info',
    `mail relay ${cfg.mqtt.clientId} started${cfg.mqtt.group ? ` in group ${cfg.mqtt.group}` : ''}, ledger ${join(cfg.ledgerDir)}`,
  );
  return {
    relay,
    client,
    async stop() {
      await client.close();
      relay.stop();
      mailer.close?.();
    },
  };
}
