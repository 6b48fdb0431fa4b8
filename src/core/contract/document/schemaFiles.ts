/**
 * The published JSON Schemas (docs/schemas/*.json), one per message, straight from the TypeBox
 * definitions. Round-tripped through JSON to drop TypeBox's symbol keys and break shared object
 * identity (so YAML output has no anchors/aliases).
 */
import type { TSchema } from '@sinclair/typebox';
import { COMMAND_SCHEMAS } from '../commands.js';
import { EventEnvelopeSchema, eventSchema } from '../events/envelope.js';
import { EVENT_TYPES } from '../events/eventTypes.js';
import { JOB_MESSAGE_SCHEMAS } from '../jobMessages.js';
import { StatusSchema } from '../status.js';
import { AckSchema } from '../acks.js';
import { TariffSchema } from '../tariff.js';

export const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
export const schemaId = (name: string) => `urn:saha:contract:v1:${name}`;

/** Plain JSON copy of a TypeBox schema. */
export const plain = (s: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

/** name → schema, in document order. Names are also the file names and AsyncAPI component keys. */
export function contractSchemas(): [string, Record<string, unknown>][] {
  return [
    ...Object.entries(JOB_MESSAGE_SCHEMAS).map(([type, s]) => [type, plain(s)] as [string, Record<string, unknown>]),
    ...Object.entries(COMMAND_SCHEMAS).map(([type, s]) => [`command.${type}`, plain(s)] as [string, Record<string, unknown>]),
    ['tariff', plain(TariffSchema)],
    ['event.envelope', plain(EventEnvelopeSchema)],
    ...EVENT_TYPES.map((type) => [`event.${type}`, plain(eventSchema(type))] as [string, Record<string, unknown>]),
    ['status', plain(StatusSchema)],
    ['ack', plain(AckSchema)],
  ];
}

/** docs/schemas/<name>.json contents, stable text (2-space JSON, trailing newline). */
export function schemaFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of contractSchemas()) {
    const doc = { $schema: SCHEMA_DIALECT, $id: schemaId(name), title: name, ...schema };
    out.set(`docs/schemas/${name}.json`, JSON.stringify(doc, null, 2) + '\n');
  }
  return out;
}
