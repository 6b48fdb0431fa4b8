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

export class DemoBackOffice {
  private client: MqttClient | undefined;

  constructor(private readonly o: { url: string; deviceId: string; today: string; clock: () => number; log?: (m: string) => void }) {}

  async start(): Promise<void> {
    const { connectAsync } = await import('mqtt');
    this.client = await connectAsync(this.o.url, { clientId: `demo-backoffice-${process.pid}`, clean: true, reconnectPeriod: 2000 });
    const t = demoTariff();
    await this.client.publishAsync(topics.tariff(t.tariffId), JSON.stringify(t), { qos: 1, retain: true });
    const sentAt = isoInstant(this.o.clock());
    for (const job of sampleRoute(this.o.today)) {
      const msg = { messageId: `${job.jobId}-v${job.version}`, sentAt, type: 'job.assign', job };
      await this.client.publishAsync(topics.jobs(this.o.deviceId), JSON.stringify(msg), { qos: 1 });
    }
    this.o.log?.(`demo back office dispatched ${sampleRoute(this.o.today).length} jobs to ${this.o.deviceId}`);
  }

  async stop(): Promise<void> {
    await this.client?.endAsync().catch(() => undefined);
  }
}
