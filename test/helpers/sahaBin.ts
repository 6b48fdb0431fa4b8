import { existsSync } from 'node:fs';
/** The built `saha` bundle (the test command builds it first), as users run it. */
export function sahaBin(): string {
  const p = new URL('../../dist/saha.mjs', import.meta.url).pathname;
  if (!existsSync(p)) throw new Error('dist/saha.mjs missing: run `npm run build` (npm test does it)');
  return p;
}
