import { readFile, stat } from 'node:fs/promises';
import { configKeys, loadConfig } from '../../config/loadConfig.js';
import { ConfigSchema, type Config } from '../../config/schema.js';
import { errText, pass, problem, warning, type CheckResult } from '../CheckResult.js';

/**
 * The config file as `saha start` would load it (file + SAHA_* environment): one line per invalid
 * key, each with the key and its environment variable, so three mistakes show as three lines.
 * Also: the file and every secret it names must be readable by their owner only (0600).
 */
export async function checkConfig(
  file: string,
  env: Record<string, string | undefined>,
): Promise<{ results: CheckResult[]; config?: Config }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return {
      results: [
        problem(
          'config',
          `${file} cannot be read: ${errText(e)}`,
          'provision the device (npm run provision) or pass --config FILE / set SAHA_CONFIG',
        ),
      ],
    };
  }
  const r = loadConfig({ fileText: text, fileName: file, env });
  if (!r.ok) {
    return {
      results: r.errors.map((e) => {
        const envName = configKeys().find((k) => k.path.join('.') === e.key)?.env;
        const where =
          e.key === '(file)' || e.key === '(root)'
            ? `fix the JSON in ${file}`
            : `set ${e.key} in ${file}${envName ? ` (or ${envName})` : ''}`;
        return problem('config', `${e.key}: ${e.message}`, `${where}; every key is described in README "Config reference"`);
      }),
    };
  }
  const config = r.config;
  const results: CheckResult[] = [];
  if (config.mode !== 'device')
    results.push(warning('config', `${file}: mode is "${config.mode}" (demo hardware)`, `set "mode": "device" in ${file}`));
  else {
    results.push(pass('config', `${file}: device ${config.deviceId}, series ${config.invoiceSeries}, info slips ${config.infoSlipSeries}`));
    // A device provisioned before provisioning asked for it still has the shipped series: two such
    // devices number their bilgi fişleri alike in the office's report (docs/invoice.md "Bilgi fişi").
    const shipped = ConfigSchema.properties.infoSlipSeries.default as string;
    if (config.infoSlipSeries === shipped)
      results.push(
        warning(
          'config',
          `infoSlipSeries is the shipped default ${shipped}, shared by every device left at it`,
          `set infoSlipSeries in ${file} (or SAHA_INFO_SLIP_SERIES) to the series the back office assigned to ${config.deviceId}`,
        ),
      );
  }
  const secrets: [string, string][] = [
    ['config file', file],
    ['mqtt.passwordFile', config.mqtt.passwordFile],
    ['mqtt.keyFile', config.mqtt.keyFile],
    ['security.storeKeyFile', config.security.storeKeyFile],
  ];
  const loose: { key: string; file: string; mode: number }[] = [];
  for (const [key, f] of secrets) {
    if (!f) continue;
    const st = await stat(f).catch(() => undefined);
    if (st && (st.mode & 0o077) !== 0) loose.push({ key, file: f, mode: st.mode & 0o777 });
  }
  if (loose.length) {
    results.push(
      problem(
        'secrets',
        loose.map((l) => `${l.key} ${l.file} is mode ${l.mode.toString(8)}`).join('; '),
        `chmod 600 ${loose.map((l) => l.file).join(' ')} (the app refuses secrets others can read)`,
      ),
    );
  }
  return { results, config };
}
