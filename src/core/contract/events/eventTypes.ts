/**
 * The event table of contract v1 §Events: type → schema of `data`. The topic suffix, the envelope's
 * `type`, the AsyncAPI messages and docs/schemas/event.*.json all come from this table.
 */
import type { Static } from '@sinclair/typebox';
import { DeviceWipedDataSchema } from './deviceEvents.js';
import { DocumentPrintedDataSchema } from './documentEvents.js';
import { GasCutDataSchema, GasReconnectedDataSchema, MeterInstalledDataSchema, MeterRemovedDataSchema } from './fieldWorkEvents.js';
import { InspectionReportedDataSchema, InspectionRequestedDataSchema } from './inspectionEvents.js';
import { InvoiceIssuedDataSchema, InvoiceVoidedDataSchema } from './invoiceEvents.js';
import { JobAcceptedDataSchema, JobCancelTooLateDataSchema, JobIgnoredDataSchema, JobRejectedDataSchema } from './jobEvents.js';
import { ReadingRecordedDataSchema, ReadingSkippedDataSchema } from './readingEvents.js';
import { SyncRequestedDataSchema } from './syncEvents.js';

export const EVENT_DATA_SCHEMAS = {
  'job.accepted': JobAcceptedDataSchema,
  'job.rejected': JobRejectedDataSchema,
  'reading.recorded': ReadingRecordedDataSchema,
  'reading.skipped': ReadingSkippedDataSchema,
  'invoice.issued': InvoiceIssuedDataSchema,
  'invoice.voided': InvoiceVoidedDataSchema,
  'document.printed': DocumentPrintedDataSchema,
  'gas.cut': GasCutDataSchema,
  'gas.reconnected': GasReconnectedDataSchema,
  'meter.removed': MeterRemovedDataSchema,
  'meter.installed': MeterInstalledDataSchema,
  'inspection.reported': InspectionReportedDataSchema,
  'job.cancel-too-late': JobCancelTooLateDataSchema,
  'device.wiped': DeviceWipedDataSchema,
  'sync.requested': SyncRequestedDataSchema,
  'job.ignored': JobIgnoredDataSchema,
  'inspection.requested': InspectionRequestedDataSchema,
} as const;

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];
/** Event types added within v1 after the first contract text (fields may be added, names never change). */
export const EVENT_TYPES_ADDED_IN_V1: readonly EventType[] = [
  'invoice.voided',
  'device.wiped',
  'sync.requested',
  'job.ignored',
  'inspection.requested',
];
export type EventData<T extends EventType = EventType> = { [K in EventType]: Static<(typeof EVENT_DATA_SCHEMAS)[K]> }[T];

export function isEventType(s: unknown): s is EventType {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(EVENT_DATA_SCHEMAS, s);
}
