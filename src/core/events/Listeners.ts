/**
 * A set of listeners whose emit() isolates them: one that throws is reported as an 'error' entry and
 * the others still run, so a UI bug in one handler cannot stop status updates, notices or sending.
 * Swallowing silently hid such bugs (issue 16); reporting needs only a callback, so this stays pure.
 * The report callback is shaped so that a Log (src/ports/Logger.ts) can be passed directly.
 */
export type ListenerErrorReport = (level: 'error', msg: string, ctx: { listener: string; error: string }) => void;

export class Listeners<T> {
  private readonly fns = new Set<(value: T) => void>();

  /** `name` says in the report which kind of listener threw (e.g. 'status'). */
  constructor(
    private readonly name: string,
    private readonly report?: ListenerErrorReport,
  ) {}

  /** Adds a listener; returns the function that removes it. */
  add(fn: (value: T) => void): () => void {
    this.fns.add(fn);
    return () => void this.fns.delete(fn);
  }

  get size(): number {
    return this.fns.size;
  }

  /** Calls every listener (a snapshot: adding or removing during emit applies next time). */
  emit(value: T): void {
    for (const fn of [...this.fns]) {
      try {
        fn(value);
      } catch (e) {
        this.report?.('error', `${this.name} listener threw`, { listener: this.name, error: describeError(e) });
      }
    }
  }
}

/**
 * The error's class and message and the frame that threw, never the values it carried: a message
 * like "Cannot read properties of undefined" is safe to log, an error's data fields may not be.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const frame = e.stack
    ?.split('\n')
    .find((l) => l.trimStart().startsWith('at '))
    ?.trim();
  return `${e.name}: ${e.message}${frame ? ` (${frame})` : ''}`;
}
