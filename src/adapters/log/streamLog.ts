import { LOG_RANK, type Log, type LogLevel } from '../../ports/Logger.js';

/**
 * The back-office tools' Log (saha ingest, saha mail-relay): one line per entry on a text stream,
 * "<ISO time> <level> <msg> [JSON context]". The level stays lower-case between spaces: the demo
 * reads a child ingest's stderr by it (src/demo/DemoIngest.ts).
 */
export function streamLog(write: (text: string) => void, o: { level: LogLevel; now?: () => Date }): Log {
  const now = o.now ?? (() => new Date());
  return (level, msg, ctx) => {
    if (LOG_RANK[level] > LOG_RANK[o.level]) return;
    write(`${now().toISOString()} ${level} ${msg}${ctx ? ' ' + JSON.stringify(ctx) : ''}\n`);
  };
}
