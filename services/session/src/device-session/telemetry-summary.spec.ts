import { buildEnvelope, TelemetryEvent, TypedEnvelope } from '@vigil/contracts';
import { summarizeTelemetry } from './telemetry-summary';
import { toTelemetryWrite, unappliedTelemetry } from './telemetry-write';
import { PROVISIONAL_MAX_LIFETIME_MS } from './session-creation';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const CLIENT = {
  ip: '198.51.100.4',
  user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
};

function record(
  sessionId: string,
  offsetSeconds: number,
  events: TelemetryEvent[],
  eventId?: string,
): TypedEnvelope<'telemetry.recorded'> {
  return buildEnvelope({
    type: 'telemetry.recorded',
    tenantId: 'tenant-a',
    sessionId,
    eventId,
    correlationId: `corr-${sessionId}-${offsetSeconds}`,
    receivedAt: new Date(T0 + offsetSeconds * 1000),
    payload: { device_id: `device-of-${sessionId}`, client: CLIENT, events },
  });
}

/** The position of the last record of a summary, which its write records. */
const AT = { partition: 3, offset: '41' };

describe(summarizeTelemetry.name, () => {
  it('flags skewed device clocks', () => {
    const [summary] = summarizeTelemetry([
      record('s1', 0, [
        { type: 'page_load', device_time: T0 + 4 * 3600_000 },
        { type: 'tap', device_time: T0 + 800 },
      ]),
      record('s1', 10, [{ type: 'scroll', device_time: Math.floor(T0 / 1000) + 10 }]),
      record('s1', 20, [{ type: 'scroll' }]),
    ]);

    expect(summary.skewed_event_count).toBe(2);
    expect(summary.clock_skew_ms).toBe(0);
    expect(toTelemetryWrite(summary, 'active', { idleTimeoutMs: 1000 }, AT).update.$set).toEqual({
      telemetry_position: AT,
      clock_skew_ms: 0,
    });
  });

  it('coalesces the records of each session', () => {
    const summaries = summarizeTelemetry([
      record('s1', 5, [{ type: 'page_load', attributes: { screen: 390, lang: 'nb-NO' } }]),
      record('s2', 6, [{ type: 'page_load' }]),
      record('s1', 2, [{ type: 'tap' }, { type: 'scroll', attributes: { screen: 414 } }]),
    ]);

    expect(summaries.map((summary) => summary.session_id)).toEqual(['s1', 's2']);
    expect(summaries[0]).toMatchObject({
      event_count: 3,
      first_received_at: new Date(T0 + 2000),
      last_received_at: new Date(T0 + 5000),
      attributes: { screen: 414, lang: 'nb-NO' },
      correlation_id: 'corr-s1-5',
      device_id: 'device-of-s1',
      client: CLIENT,
    });
    expect(summaries[1].event_count).toBe(1);
  });

  it('counts a record repeated in the batch once', () => {
    const repeated = record('s1', 1, [{ type: 'tap' }, { type: 'tap' }], 'event-1');

    const [summary] = summarizeTelemetry([repeated, repeated]);

    expect(summary.event_count).toBe(2);
  });
});

describe(toTelemetryWrite.name, () => {
  const POLICY = { idleTimeoutMs: 60_000 };
  const [summary] = summarizeTelemetry([
    record('s1', 0, [{ type: 'page_load', attributes: { platform: 'iPhone', screenWidth: 414 } }]),
  ]);

  it('upserts an active session by its id alone', () => {
    const write = toTelemetryWrite(summary, 'active', POLICY, AT);

    expect(write.kind).toBe('apply');
    expect(write.filter).toEqual({ _id: 's1' });
    expect(write.upsert).toBe(true);
  });

  it('upserts an unknown session as a new active one', () => {
    const write = toTelemetryWrite(summary, undefined, POLICY, AT);

    expect(write.kind).toBe('apply');
    expect(write.filter).toEqual({ _id: 's1' });
    expect(write.upsert).toBe(true);
    expect(write.update.$setOnInsert.state).toBe('active');
  });

  it('counts telemetry for an expired session as late only', () => {
    const write = toTelemetryWrite(summary, 'expired', POLICY, AT);

    expect(write.kind).toBe('late');
    expect(write.filter).toEqual({ _id: 's1' });
    expect(write.upsert).toBe(false);
    expect(write.update).toEqual({
      $inc: { late_event_count: 1, revision: 1 },
      $set: { telemetry_position: AT },
    });
  });

  it('counts, moves the activity forward and sets each attribute', () => {
    const { update } = toTelemetryWrite(summary, 'active', POLICY, AT);

    expect(update.$inc).toEqual({ telemetry_event_count: 1, skewed_event_count: 0 });
    expect(update.$max).toEqual({
      last_seen_at: new Date(T0),
      idle_expires_at: new Date(T0 + 60_000),
    });
    expect(update.$set).toEqual({
      telemetry_position: AT,
      'device_attributes.platform': 'iPhone',
      'device_attributes.screenWidth': 414,
    });
    expect(update.$setOnInsert).toMatchObject({
      tenant_id: 'tenant-a',
      device_id: 'device-of-s1',
      state: 'active',
      created_at: new Date(T0),
      max_expires_at: new Date(T0 + PROVISIONAL_MAX_LIFETIME_MS),
      revision: 0,
      ip: CLIENT.ip,
    });
  });

  it('touches each field with one operator only', () => {
    const { update } = toTelemetryWrite(summary, undefined, POLICY, AT);
    const paths = Object.values(update).flatMap((fields) => Object.keys(fields));

    expect(new Set(paths).size).toBe(paths.length);
    // A parent path beside its own keys is a conflict on insert.
    expect(update.$setOnInsert).not.toHaveProperty('device_attributes');
  });

  it('creates empty device attributes when the batch has none', () => {
    const [bare] = summarizeTelemetry([record('s2', 0, [{ type: 'tap' }])]);

    const { update } = toTelemetryWrite(bare, undefined, POLICY, AT);

    expect(update.$setOnInsert.device_attributes).toEqual({});
    expect(update.$set).toEqual({ telemetry_position: AT });
  });
});

describe(unappliedTelemetry.name, () => {
  const records = ['9', '10', '11'].map((offset, index) => ({
    envelope: record('s1', index, [{ type: 'scroll' }]),
    partition: 3,
    offset,
  }));

  it('keeps every record of a session that counted none', () => {
    expect(unappliedTelemetry(records, undefined)).toEqual(records);
  });

  it('drops records counted already', () => {
    // Offsets compare as numbers: '10' comes after '9'.
    expect(unappliedTelemetry(records, { partition: 3, offset: '9' })).toEqual(records.slice(1));
    expect(unappliedTelemetry(records, { partition: 3, offset: '11' })).toEqual([]);
  });

  it('keeps records of another partition, whose offsets cannot be compared', () => {
    expect(unappliedTelemetry(records, { partition: 5, offset: '11' })).toEqual(records);
  });
});
