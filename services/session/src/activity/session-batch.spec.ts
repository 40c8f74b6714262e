import { buildEnvelope } from '@vigil/contracts';
import { ActivityEnvelope } from '../device-session/device-session.types';
import { applySessionEvents } from './session-batch';

const POLICY = { idleTimeoutMs: 60_000 };
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

function userSet(userId: string, offsetSeconds: number): ActivityEnvelope {
  return buildEnvelope({
    type: 'user.set',
    tenantId: 'tenant-a',
    sessionId: 'session-1',
    receivedAt: new Date(T0 + offsetSeconds * 1000),
    payload: { user_id: userId, source: 'sdk' },
  });
}

const start = buildEnvelope({
  type: 'session.started',
  tenantId: 'tenant-a',
  sessionId: 'session-1',
  receivedAt: new Date(T0),
  payload: {
    device_id: 'device-1',
    application_id: 'app-1',
    expires_at: new Date(T0 + 3600_000).toISOString(),
    client: {},
  },
});

describe(applySessionEvents.name, () => {
  it('applies the events in order to a new session', () => {
    const result = applySessionEvents(
      undefined,
      [start, userSet('u1', 1), userSet('u2', 2)],
      POLICY,
    );

    expect(result.isNew).toBe(true);
    expect(result.changed).toBe(true);
    expect(result.state?.current_user_id).toBe('u2');
    expect(result.outputs.map((output) => output.kind)).toEqual([
      'schedule-expiry',
      'record-device-session',
    ]);
  });

  it('leaves a session unchanged when every event is a replay', () => {
    const stored = applySessionEvents(undefined, [start], POLICY).state;

    const result = applySessionEvents(stored, [start], POLICY);

    expect(result.isNew).toBe(false);
    expect(result.changed).toBe(false);
    expect(result.outputs).toEqual([]);
  });

  it('lists late and ignored events for the log', () => {
    const stored = applySessionEvents(undefined, [start], POLICY).state!;
    const expired = { ...stored, state: 'expired' as const };

    const late = applySessionEvents(expired, [userSet('u1', 5)], POLICY);
    const ignored = applySessionEvents(undefined, [userSet('u1', 5)], POLICY);

    expect(late.changed).toBe(true);
    expect(late.unapplied.map((item) => item.status)).toEqual(['late']);
    expect(ignored.changed).toBe(false);
    expect(ignored.unapplied.map((item) => item.status)).toEqual(['ignored']);
  });
});
