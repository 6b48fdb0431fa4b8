/**
 * How the back-office tools reach the broker, from command-line options and the environment
 * (SAHA_BO_MQTT_URL, SAHA_BO_MQTT_USERNAME, SAHA_BO_MQTT_PASSWORD_FILE, SAHA_BO_MQTT_CA_FILE) so a
 * password never has to appear on a command line (where `ps` shows it).
 */
import { readFileSync, statSync } from 'node:fs';
import { AppError, ErrorCode } from '../core/errors/AppError.js';
import type { BackOfficeMqttOptions } from './BackOfficeClient.js';

export interface BrokerArgs {
  url?: string;
  username?: string;
  passwordFile?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  protocolVersion?: 4 | 5;
}

export const BROKER_OPTIONS = ['url', 'username', 'password-file', 'ca', 'cert', 'key-file'] as const;

export const BROKER_USAGE = `  --url URL             broker, mqtt://host:1883 or mqtts://host:8883 (env SAHA_BO_MQTT_URL)
  --username NAME       back-office account (env SAHA_BO_MQTT_USERNAME)
  --password-file FILE  its password, file mode 0600 (env SAHA_BO_MQTT_PASSWORD_FILE)
  --ca FILE             CA certificate for mqtts:// (env SAHA_BO_MQTT_CA_FILE)
  --cert FILE, --key-file FILE  client certificate and key, when the broker requires one`;

export function brokerArgs(values: Record<string, string[]>, env: NodeJS.ProcessEnv): BrokerArgs {
  const v = (k: string, e: string) => values[k]?.[0] ?? (env[e] || undefined);
  const out: BrokerArgs = {};
  const url = v('url', 'SAHA_BO_MQTT_URL');
  const username = v('username', 'SAHA_BO_MQTT_USERNAME');
  const passwordFile = v('password-file', 'SAHA_BO_MQTT_PASSWORD_FILE');
  const caFile = v('ca', 'SAHA_BO_MQTT_CA_FILE');
  const certFile = v('cert', 'SAHA_BO_MQTT_CERT_FILE');
  const keyFile = v('key-file', 'SAHA_BO_MQTT_KEY_FILE');
  if (url) out.url = url;
  if (username) out.username = username;
  if (passwordFile) out.passwordFile = passwordFile;
  if (caFile) out.caFile = caFile;
  if (certFile) out.certFile = certFile;
  if (keyFile) out.keyFile = keyFile;
  return out;
}

export function readSecretFile(file: string, what: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new AppError(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`, ErrorCode.Config_Invalid, {
      context: { file },
    });
  }
  if ((st.mode & 0o077) !== 0)
    throw new AppError(`${what}: ${file} must not be readable by group or others (chmod 600)`, ErrorCode.Config_Invalid, {
      context: { file },
    });
  return readFileSync(file, 'utf8').trim();
}

function readFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new AppError(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`, ErrorCode.Config_Invalid, {
      context: { file },
    });
  }
}

export function mqttOptions(a: BrokerArgs, session: { clientId: string; clean: boolean }): BackOfficeMqttOptions {
  if (!a.url)
    throw new AppError('the broker URL is required (--url or SAHA_BO_MQTT_URL)', ErrorCode.Input_Invalid, { context: { option: 'url' } });
  return {
    url: a.url,
    clientId: session.clientId,
    clean: session.clean,
    ...(a.protocolVersion ? { protocolVersion: a.protocolVersion } : {}),
    ...(a.username ? { username: a.username } : {}),
    ...(a.passwordFile ? { password: readSecretFile(a.passwordFile, 'password file') } : {}),
    ...(a.caFile ? { ca: readFile(a.caFile, 'CA file') } : {}),
    ...(a.certFile ? { cert: readFile(a.certFile, 'client certificate') } : {}),
    ...(a.keyFile ? { key: Buffer.from(readSecretFile(a.keyFile, 'client key')) } : {}),
  };
}
