/**
 * mqtt.js behind a module of our own, for `await import()`: mqtt is CommonJS, and a dynamic
 * import of it from the split bundle yields only `default`, while a static re-export lets esbuild
 * (and Node, under tsx) give the named functions. Import this, not 'mqtt', lazily.
 *
 * Every client is made with `writeCache: false` unless the caller says otherwise, and loading this
 * module turns mqtt-packet's packet-id cache off: see packetIdCache.ts (issue 19, memory).
 */
import { disablePacketIdCache } from './packetIdCache.js';
import { connect as mqttConnect, connectAsync as mqttConnectAsync, type IClientOptions, type MqttClient } from 'mqtt';

disablePacketIdCache();

export function connect(url: string, opts: IClientOptions = {}): MqttClient {
  return mqttConnect(url, { writeCache: false, ...opts });
}

export function connectAsync(url: string, opts: IClientOptions = {}): Promise<MqttClient> {
  return mqttConnectAsync(url, { writeCache: false, ...opts });
}
