/**
 * The in-process MQTT broker (aedes) for demo mode and tests: a real MQTT 3.1.1 broker on a
 * loopback port, so the device's real MqttLink and the demo back office talk real MQTT.
 * aedes does not speak MQTT 5 (docs/implementation-notes.md §6); MQTT 5 is tested against Mosquitto.
 * `stopListening()`/`listen()` simulate the broker going away and coming back (sessions kept).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

type Aedes = import('aedes').Aedes;

export class InProcessBroker {
  private broker: Aedes | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly clientOf = new Map<Socket, string>();
  port = 0;

  async start(port = 0): Promise<this> {
    // Before aedes writes its first packet (packetIdCache.ts: about 6 MB of heap otherwise).
    (await import('./packetIdCache.js')).disablePacketIdCache();
    const { Aedes } = await import('aedes');
    this.broker = await Aedes.createBroker();
    this.broker.on('client', (c) => this.clientOf.set(c.conn as unknown as Socket, c.id));
    try {
      await this.listen(port);
    } catch (e) {
      // Port taken: nothing of this broker may stay behind (the caller may try another port).
      await new Promise<void>((resolve) => this.broker!.close(() => resolve()));
      throw e;
    }
    return this;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async listen(port = this.port): Promise<void> {
    const broker = this.broker!;
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.clientOf.delete(socket));
      socket.on('close', () => this.sockets.delete(socket));
      broker.handle(socket);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /**
   * Drops connections and stops accepting new ones; retained messages and sessions stay.
   * `keepClients`: client ids whose connections survive, to model one side losing its link (a
   * device out of coverage) while the other stays connected.
   */
  async stopListening(opts: { keepClients?: readonly string[] } = {}): Promise<void> {
    const keep = new Set(opts.keepClients ?? []);
    const kept = new Set<Socket>();
    for (const s of this.sockets) {
      if (keep.has(this.clientOf.get(s) ?? '')) kept.add(s);
      else s.destroy();
    }
    for (const s of [...this.sockets]) if (!kept.has(s)) this.sockets.delete(s);
    const srv = this.server;
    this.server = undefined;
    if (!srv) return;
    // close() unbinds the port at once; its callback waits for every connection, kept ones too.
    if (kept.size) {
      srv.close();
      await new Promise((r) => setImmediate(r));
    } else await new Promise<void>((r) => srv.close(() => r()));
  }

  async close(): Promise<void> {
    await this.stopListening();
    const b = this.broker;
    this.broker = undefined;
    if (b) await new Promise<void>((r) => b.close(() => r()));
  }
}
