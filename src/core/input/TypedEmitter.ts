/**
 * A small typed event emitter whose emit() isolates listeners: one that throws is reported to
 * `onListenerError` and the others still run (zigbee2mqtt's event-bus lesson: a UI bug in one
 * handler must not stop scans reaching the rest, nor crash the HID read loop).
 */
export type Listener<T> = (payload: T) => void;

export class TypedEmitter<Events extends Record<string, unknown>> {
  private listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (err: unknown, event: string) => void = () => {}) {}

  on<K extends keyof Events>(event: K, fn: Listener<Events[K]>): this {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<never>);
    return this;
  }

  off<K extends keyof Events>(event: K, fn: Listener<Events[K]>): this {
    this.listeners.get(event)?.delete(fn as Listener<never>);
    return this;
  }

  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) {
      try {
        (fn as Listener<Events[K]>)(payload);
      } catch (err) {
        this.onListenerError(err, String(event));
      }
    }
  }
}
