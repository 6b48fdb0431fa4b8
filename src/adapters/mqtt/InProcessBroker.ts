/**
 * The in-process MQTT broker (aedes) for demo mode and tests: a real MQTT 3.1.1 broker on a
 * loopback port, so the device's real MqttLink and the demo back office talk real MQTT.
 * aedes does not speak MQTT 5 (shared notes §8); MQTT 5 is tested against Mosquitto.
 * `stopListening()`/`listen()` simulate the broker going away and coming back (sessions kept).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

type Aedes = import('aedes').Aedes;

export class InProcessBroker {
  private broker: Aedes | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(port = 0): Promise<this> {
    const { Aedes } = await import('aedes');
    this.broker = await Aedes.createBroker();
    await this.listen(port);
    return this;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async listen(port = this.port): Promise<void> {
    const broker = this.broker!;
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      broker.handle(socket);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Drops every connection and stops accepting new ones; retained messages and sessions stay. */
  async stopListening(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const srv = this.server;
    this.server = undefined;
    if (srv) await new Promise<void>((r) => srv.close(() => r()));
  }

  async close(): Promise<void> {
    await this.stopListening();
    const b = this.broker;
    this.broker = undefined;
    if (b) await new Promise<void>((r) => b.close(() => r()));
  }
}
