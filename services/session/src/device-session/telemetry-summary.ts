import { AttributeMap, ClientContext, TypedEnvelope } from '@vigil/contracts';
import { readDeviceClock } from './clock-skew';
import { earlierOf, laterOf } from './session-creation';

/** Telemetry of one device session within one consumer batch. */
export interface TelemetrySummary {
  session_id: string;
  tenant_id: string;
  device_id: string;
  correlation_id: string;
  /** Telemetry events in the batch, each item of each record counted. */
  event_count: number;
  first_received_at: Date;
  last_received_at: Date;
  /** The attributes of the batch merged in offset order, so the latest value of a key wins. */
  attributes: AttributeMap;
  /** Events whose device time was far from server time or sent in seconds. */
  skewed_event_count: number;
  /** Device minus server time of the latest event that carried a device time. */
  clock_skew_ms?: number;
  /** Client context the gateway recorded on the first record. */
  client: ClientContext;
}

/**
 * Coalesces the telemetry records of a batch into one summary per device session, in the order
 * the sessions first appear. A record repeated within the batch (same event id) counts once.
 */
export function summarizeTelemetry(
  records: TypedEnvelope<'telemetry.recorded'>[],
): TelemetrySummary[] {
  const summaries = new Map<string, TelemetrySummary>();
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.event_id)) {
      continue;
    }
    seen.add(record.event_id);
    const current = summaries.get(record.session_id);
    summaries.set(record.session_id, current ? merge(current, record) : start(record));
  }

  return [...summaries.values()];
}

function start(record: TypedEnvelope<'telemetry.recorded'>): TelemetrySummary {
  const receivedAt = new Date(record.received_at);

  return {
    session_id: record.session_id,
    tenant_id: record.tenant_id,
    device_id: record.payload.device_id,
    correlation_id: record.correlation_id,
    event_count: record.payload.events.length,
    first_received_at: receivedAt,
    last_received_at: receivedAt,
    attributes: mergeAttributes({}, record),
    ...clockOf(record),
    client: record.payload.client,
  };
}

function merge(
  summary: TelemetrySummary,
  record: TypedEnvelope<'telemetry.recorded'>,
): TelemetrySummary {
  const receivedAt = new Date(record.received_at);

  return {
    ...summary,
    event_count: summary.event_count + record.payload.events.length,
    first_received_at: earlierOf(summary.first_received_at, receivedAt),
    last_received_at: laterOf(summary.last_received_at, receivedAt),
    attributes: mergeAttributes(summary.attributes, record),
    ...mergeClock(summary, clockOf(record)),
  };
}

type ClockFields = Pick<TelemetrySummary, 'skewed_event_count' | 'clock_skew_ms'>;

function clockOf(record: TypedEnvelope<'telemetry.recorded'>): ClockFields {
  const receivedAt = new Date(record.received_at);
  const fields: ClockFields = { skewed_event_count: 0 };
  for (const event of record.payload.events) {
    if (event.device_time === undefined) {
      continue;
    }
    const reading = readDeviceClock(event.device_time, receivedAt);
    fields.skewed_event_count += reading.skewed ? 1 : 0;
    fields.clock_skew_ms = reading.skew_ms;
  }

  return fields;
}

function mergeClock(summary: ClockFields, next: ClockFields): ClockFields {
  return {
    skewed_event_count: summary.skewed_event_count + next.skewed_event_count,
    clock_skew_ms: next.clock_skew_ms ?? summary.clock_skew_ms,
  };
}

function mergeAttributes(
  attributes: AttributeMap,
  record: TypedEnvelope<'telemetry.recorded'>,
): AttributeMap {
  const merged = { ...attributes };
  for (const event of record.payload.events) {
    Object.assign(merged, event.attributes ?? {});
  }

  return merged;
}
