/**
 * The messages between `saha start` in demo mode and its demo office child (`saha demo-office`,
 * src/demo/DemoOffice.ts) over the IPC channel of child_process.fork.
 */

/** Parent → child. */
export type ToOffice =
  /** Publish the tariff and, unless skipRoute, the sample route; `today` and `now` are the device's clock. */
  | { type: 'dispatch'; skipRoute: boolean; today: string; now: number }
  /** Stop the back office and the broker, then exit. */
  | { type: 'stop' };

/** Child → parent. */
export type FromOffice =
  /** Listening (or, with an external broker, ready to dispatch): `url` is where the device connects. */
  { type: 'ready'; url: string } | { type: 'dispatched' } | { type: 'dispatch-failed'; message: string };
