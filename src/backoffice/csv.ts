/**
 * RFC 4180 CSV reader, as spreadsheets write it: quoted cells with "" for a quote, line breaks
 * inside quotes, CRLF or LF, an optional UTF-8 BOM (Excel's "CSV UTF-8"). The delimiter is "," or
 * ";" — a Turkish-locale Excel writes ";" because "," is the decimal separator — detected from the
 * header line. Pure: text in, records out.
 */

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1, the first data row is row 2. */
  row: number;
  cells: string[];
}

export interface CsvProblem {
  row: number;
  message: string;
}

export function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Every record, blank lines skipped; an unterminated quote is reported with the row it began on. */
export function parseCsv(text: string, delimiter: ',' | ';' = detectDelimiter(text)): { records: CsvRecord[]; problems: CsvProblem[] } {
  const s = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let row = 0;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let started = false;
  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    cell = '';
    quoted = false;
  };
  const endRecord = () => {
    endCell();
    row++;
    if (!(cells.length === 1 && cells[0] === '')) records.push({ row, cells });
    cells = [];
    started = false;
  };
  let startRow = 1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (!started) {
      started = true;
      startRow = row + 1;
    }
    if (inQuotes) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      quoted = true;
      cell = '';
      continue;
    }
    if (ch === delimiter) {
      endCell();
      continue;
    }
    if (ch === '\r' && s[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      endRecord();
      continue;
    }
    cell += ch;
  }
  if (inQuotes) problems.push({ row: startRow, message: 'a quoted cell is never closed (missing ")' });
  else if (started) endRecord();
  return { records, problems };
}
