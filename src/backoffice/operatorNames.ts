/**
 * The mail relay's operator names (relay config pdf.operatorsFile): invoice.issued names the
 * operator by id only, and the PDF prints "name (id)" as the handheld's slip does (docs/invoice.md
 * "E-mailed invoice (A4)"). The format is the provisioning operators file's (`saha provision
 * --operators`), so the office keeps one crew list; only the id and the name are read, and a copy
 * without the PIN column is enough.
 */
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

const invalid = (file: string, why: string) =>
  new AppError(`pdf.operatorsFile ${file}: ${why}`, ErrorCode.Config_Invalid, { context: { key: 'pdf.operatorsFile', file } });

/** JSON `[{ operatorId, name, … }]` or CSV lines `operatorId,name[,…]` ('#' comments); names by id. */
export function parseOperatorNames(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  const add = (id: unknown, name: unknown) => {
    const i = String(id ?? '').trim();
    const n = String(name ?? '').trim();
    if (i && n) out.set(i, n);
  };
  if (text.trimStart().startsWith('[')) {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (e) {
      throw invalid(file, `not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(rows)) throw invalid(file, 'not a JSON array');
    for (const r of rows as Record<string, unknown>[]) add(r?.operatorId, r?.name);
    return out;
  }
  for (const l of text.split('\n')) {
    const line = l.trim();
    if (!line || line.startsWith('#')) continue;
    const [id, name] = line.split(',');
    add(id, name);
  }
  return out;
}

/** Read once at start: a missing or unreadable file is a configuration error, as a missing font is. */
export function readOperatorNames(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(file, (e as Error).message);
  }
  return parseOperatorNames(text, file);
}
