import { checkHid } from '../../adapters/hid/checkHid.js';
import type { HidLoader, HidModule } from '../../adapters/hid/HidModule.js';
import { loadInputProfiles } from '../../adapters/hid/loadInputProfiles.js';
import type { Config } from '../../config/schema.js';
import { inputProfileDir } from '../../provision/devicePaths.js';
import { errText, pass, problem, type CheckResult } from '../CheckResult.js';

/**
 * The keypad and scanner of input.profile: present and openable. A configured device that is not
 * there is a problem (the crew would scan into nothing); no profile configured is fine: the
 * terminal keyboard only.
 */
export async function checkInput(config: Config, root: string, opts: { loadHid?: HidLoader; hid?: HidModule } = {}): Promise<CheckResult> {
  const dir = inputProfileDir(config.input.profile, root);
  if (!dir) return pass('hid', 'no input profile configured: terminal keyboard only');
  let profiles;
  try {
    profiles = await loadInputProfiles(dir);
  } catch (e) {
    return problem('hid', errText(e), `fix the profiles in ${dir} (device/input/README.md), or re-run provision to identify the devices`);
  }
  if (profiles.length === 0)
    return problem(
      'hid',
      `input.profile ${dir} holds no *.json profile`,
      're-run provision to identify the keypad and scanner, or set input.profile to ""',
    );
  const r = await checkHid({ profiles, ...(opts.loadHid ? { loadHid: opts.loadHid } : {}), ...(opts.hid ? { hid: opts.hid } : {}) });
  return r.ok ? pass('hid', r.detail) : problem('hid', r.detail, r.fix);
}
