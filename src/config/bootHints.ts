/**
 * The three settings the login screen needs (language, demo or device, device id), read without
 * the schema validator so the first screen paints before the full configuration is checked
 * (TypeBox's validator is a noticeable share of start-up). The full check follows at once; a bad
 * configuration then closes the screen and prints every error (exit 2), as it would have before.
 * Defaults mirror the schema's.
 */
export interface BootHints {
  locale: 'tr' | 'en';
  mode: 'demo' | 'device';
  deviceId: string;
}

export function bootHints(fileText: string | undefined, env: Record<string, string | undefined>): BootHints {
  let file: Record<string, unknown> = {};
  try {
    const v: unknown = fileText ? JSON.parse(fileText.replace(/^\uFEFF/, '')) : {};
    if (v && typeof v === 'object' && !Array.isArray(v)) file = v as Record<string, unknown>;
  } catch {
    // Reported by the full check.
  }
  const pick = (envName: string, key: string) => env[envName] || (typeof file[key] === 'string' ? (file[key] as string) : undefined);
  const locale = pick('SAHA_LOCALE', 'locale');
  const mode = pick('SAHA_MODE', 'mode');
  return {
    locale: locale === 'en' ? 'en' : 'tr',
    mode: mode === 'device' ? 'device' : 'demo',
    deviceId: pick('SAHA_DEVICE_ID', 'deviceId') ?? 'HT-DEMO',
  };
}
