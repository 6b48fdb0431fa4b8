/**
 * mqtt.js behind a module of our own, for `await import()`: mqtt is CommonJS, and a dynamic
 * import of it from the split bundle yields only `default`, while a static re-export lets esbuild
 * (and Node, under tsx) give the named functions. Import this, not 'mqtt', lazily.
 *
 * Every client is made with `writeCache: false` unless the caller says otherwise: with the
 * default, mqtt-packet pre-builds a 2-byte Buffer for each of the 65,536 packet ids, about 6 MB of
 * live heap held for the life of the process (issue 19, memory; 65,536 Buffer objects in a heap
 * snapshot of the device). The cache is one module-wide switch of mqtt-packet, so it also covers
 * the demo's in-process broker (aedes shares the module in the bundle). Packet ids are then
 * encoded as they are sent, which costs nothing measurable at the device's message rates.
 */
import { connect as mqttConnect, connectAsync as mqttConnectAsync, type IClientOptions, type MqttClient } from 'mqtt';

export function connect(url: string, opts: IClientOptions = {}): MqttClient {
  return mqttConnect(url, { writeCache: false, ...opts });
}

export function connectAsync(url: string, opts: IClientOptions = {}): Promise<MqttClient> {
  return mqttConnectAsync(url, { writeCache: false, ...opts });
}
