/**
 * `saha escpos-decode FILE [--profile P] [--svg OUT]`: a technician's tool. Decodes an ESC/POS
 * capture (from a real printer's serial line, or what the virtual printer received) into the
 * text a customer would read, with the same decoder the tests use. --profile says which ESC t
 * number is which code page on that printer (a path, or an id under device/printers/).
 * Errors: one line on stderr, exit 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPrinterProfile } from '../adapters/printer/loadPrinterProfile.js';
import { decodeEscPos } from '../core/escpos/decodeEscPos.js';
import { codeTablesOf, DEFAULT_CODE_TABLES } from '../core/escpos/printerProfile.js';
import { renderSlipSvg } from '../core/escpos/slipSvg.js';
import { one, parseArgs } from './args.js';
import type { CliCommand } from './types.js';
import { EXIT_OK, EXIT_USAGE } from './types.js';

const usage = `Usage: saha escpos-decode FILE [--profile P] [--svg OUT] [--width N]

Decode ESC/POS bytes into the slip text (stdout). Warnings (overlong lines, unknown commands)
go to stderr.
  --profile P   printer profile JSON (path or id in device/printers/): code page numbers, width
                (default: Epson numbering, ESC t 61 = PC857 as on clones, 32 columns)
  --svg OUT     also write a picture of the slip as SVG
  --width N     characters per line, overrides the profile (32, 42 or 48)`;

export const escposDecodeCommand: CliCommand = {
  summary: 'decode an ESC/POS capture into the slip text (and an SVG picture)',
  usage,
  async run(argv, io) {
    const fail = (msg: string) => {
      io.stderr(`escpos-decode: ${msg}\n`);
      return EXIT_USAGE;
    };
    let p;
    try {
      p = parseArgs(argv, { values: ['profile', 'svg', 'width'] });
    } catch (e) {
      return fail((e as Error).message);
    }
    const [file, extra] = p.positional;
    if (extra !== undefined) return fail(`unexpected argument ${extra}`);
    const profileArg = one(p, 'profile');
    const svgOut = one(p, 'svg');
    const widthArg = one(p, 'width');
    if (!file) return fail('missing FILE (see --help)');

    let width = 32;
    let codeTables = DEFAULT_CODE_TABLES;
    try {
      if (profileArg) {
        const byId = join(io.cwd, 'device', 'printers', `${profileArg}.json`);
        const path = existsSync(resolve(io.cwd, profileArg)) ? resolve(io.cwd, profileArg) : byId;
        const profile = await loadPrinterProfile(path);
        width = profile.columns;
        codeTables = codeTablesOf(profile);
      }
      if (widthArg) {
        width = Number(widthArg);
        if (![32, 42, 48].includes(width)) return fail(`--width must be 32, 42 or 48 (got ${widthArg})`);
      }
      const bytes = await readFile(resolve(io.cwd, file)).catch((e: Error) => {
        throw new Error(`cannot read ${file}: ${e.message}`);
      });
      const slip = decodeEscPos(bytes, { width, codeTables });
      io.stdout(slip.text);
      for (const w of slip.warnings) io.stderr(`warning: ${w}\n`);
      if (svgOut)
        await writeFile(resolve(io.cwd, svgOut), renderSlipSvg(slip)).catch((e: Error) => {
          throw new Error(`cannot write ${svgOut}: ${e.message}`);
        });
      return EXIT_OK;
    } catch (e) {
      return fail((e as Error).message.split('\n')[0] ?? String(e));
    }
  },
};
