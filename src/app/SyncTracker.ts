/**
 * When the device last heard from the back office, for the payment-race guard of a cut
 * (a payment cancels a pending cut by job.cancel; a device that has been out of coverage may not
 * have received it). "Sync" is the MQTT link being online: CONNACK received and subscriptions
 * made, so anything the broker queued for the persistent session has been offered. While the link
 * stays online the device is in sync *now*; when it drops, the moment it dropped is the last sync.
 *
 * Conservative by construction: nothing is persisted, so after a restart the device counts as
 * never synced until the link comes up. A link that died silently is only noticed at the keepalive
 * timeout (mqtt.keepaliveSec × 1.5), which the freshness window (15 min by default) dwarfs.
 */
import type { BrokerLink, LinkState } from '../ports/BrokerLink.js';

export class SyncTracker {
  private online = false;
  private last: number | null = null;

  constructor(private readonly clock: () => number) {}

  /** Follows a link from now on; returns the unsubscribe. */
  attach(link: Pick<BrokerLink, 'state' | 'onState'>): () => void {
    this.observe(link.state);
    return link.onState((s) => this.observe(s));
  }

  observe(s: LinkState): void {
    const now = this.clock();
    if (s.state === 'online') {
      this.online = true;
      this.last = now;
    } else {
      if (this.online) this.last = now;
      this.online = false;
    }
  }

  /** Epoch ms of the last moment in contact with the back office; null when never since start. */
  lastSyncAt(): number | null {
    return this.online ? this.clock() : this.last;
  }

  isOnline(): boolean {
    return this.online;
  }
}
