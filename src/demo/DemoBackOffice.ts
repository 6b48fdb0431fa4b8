/**
 * A small built-in back office for demo mode: over real MQTT it publishes the tariff (retained) and
 * dispatches the sample route to the device, so everything the crew does produces real events
 * that a subscriber (or `mosquitto_sub`) can watch. Message ids are derived from the job, so a
 * restarted demo re-sends the same messages and the device ignores them as duplicates.
 */
import type { MqttClient } from 'mqtt';
import { topics } from '../core/contract/index.js';
import { isoInstant } from '../core/time/calendar.js';
import { demoTariff, sampleRoute } from './sampleRoute.js';
import type { Log } from '../ports/Logger.js';

/** Messages published and not yet acknowledged at once: a 10,000-job route goes out in seconds. */
const WINDOW = 64;

export class DemoBackOffice {
  private client: MqttClient | undefined;

  constructor(private readonly o: { url: string; deviceId: string; today: string; clock: () => number; routeSize?: number; log?: Log }) {}

  /**
   * Publishes the tariff and, unless `skipRoute` (the device already holds today's route: a real back
   * office does not send a route twice), dispatches the sample route.
   */
  async start(opts: { skipRoute?: boolean } = {}): Promise<void> {
    const { connectAsync } = await import('../adapters/mqtt/mqttModule.js');
    const client = await connectAsync(this.o.url, { clientId: `demo-backoffice-${process.pid}`, clean: true, reconnectPeriod: 2000 });
    this.client = client;
    const t = demoTariff();
    await client.publishAsync(topics.tariff(t.tariffId), JSON.stringify(t), { qos: 1, retain: true });
    if (opts.skipRoute) return;
    const sentAt = isoInstant(this.o.clock());
    const route = sampleRoute(this.o.today, this.o.routeSize);
    // Publish order is route order (mqtt.js sends in call order); only the acknowledgements overlap.
    let next = 0;
    const lane = async () => {
      while (next < route.length) {
        const job = route[next++]!;
        const msg = { messageId: `${job.jobId}-v${job.version}`, sentAt, type: 'job.assign', job };
        await client.publishAsync(topics.jobs(this.o.deviceId), JSON.stringify(msg), { qos: 1 });
      }
    };
    await Promise.all(Array.from({ length: Math.min(WINDOW, route.length) }, lane));
    this.o.log?.('info', `demo back office dispatched ${route.length} jobs to ${this.o.deviceId}`);
  }

  async stop(): Promise<void> {
    await this.client?.endAsync().catch(() => undefined);
  }
}
