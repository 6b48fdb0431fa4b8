/**
 * mqtt-packet (under both mqtt.js and aedes) pre-builds a 2-byte Buffer for each of the 65,536
 * packet ids the first time any packet is written unless told not to: about 6 MB of live heap
 * (65,536 Buffer objects in a heap snapshot of the device) held for the life of the process
 * (issue 19, memory). The switch is module-wide, so it must be off before the first packet is
 * written by anyone in the process: mqtt.js clients (mqttModule.ts) and the demo's in-process
 * broker (InProcessBroker.ts, which writes CONNACK to the demo's ingest before the device's own
 * link connects). Packet ids are then encoded as they are sent: nothing measurable at the
 * device's message rates.
 */
import { writeToStream } from 'mqtt-packet';

export function disablePacketIdCache(): void {
  writeToStream.cacheNumbers = false;
}
