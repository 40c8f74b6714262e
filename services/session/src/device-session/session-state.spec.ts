import {
  buildEnvelope,
  EnvelopeFields,
  EventType,
  PayloadByType,
  SessionContext,
} from '@vigil/contracts';
import {
  ActivityEnvelope,
  ActivityOutcome,
  DeviceSessionState,
  SessionOutput,
  SessionPolicy,
} from './device-session.types';
import { applyActivity, RECENT_EVENT_LIMIT } from './session-state';
import { newSession } from './session-creation';

const POLICY: SessionPolicy = { idleTimeoutMs: 30 * 60_000 };
const T0 = new Date('2025-03-01T10:00:00.000Z');
const CLIENT = { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' };

function at(offsetSeconds: number): Date {
  return new Date(T0.getTime() + offsetSeconds * 1000);
}

function event<K extends EventType>(
  type: K,
  payload: PayloadByType[K],
  offsetSeconds: number,
  extra: Partial<EnvelopeFields<K>> = {},
): ActivityEnvelope {
  return buildEnvelope({
    type,
    tenantId: 'tenant-a',
    sessionId: 'session-1',
    correlationId: `corr-${type}-${offsetSeconds}`,
    receivedAt: at(offsetSeconds),
    payload,
    ...extra,
  }) as ActivityEnvelope;
}

const started = (offset = 0) =>
  event(
    'session.started',
    {
      device_id: 'device-1',
      application_id: 'app-1',
      expires_at: at(8 * 3600).toISOString(),
      client: CLIENT,
    },
    offset,
  );
const action = (offset: number, actionType = 'login') =>
  event(
    'action.triggered',
    {
      action_id: `action-${offset}`,
      action_type: actionType,
      device_id: 'device-1',
      source: 'sdk',
      client: CLIENT,
    },
    offset,
  );
const result = (offset: number, fields: Partial<PayloadByType['action.result-reported']>) =>
  event(
    'action.result-reported',
    { action_id: 'action-1', action_type: 'login', result: 'success', ...fields },
    offset,
  );
const userSet = (offset: number, userId: string, source: 'sdk' | 'backend' = 'sdk') =>
  event('user.set', { user_id: userId, source }, offset);
const userCleared = (offset: number) => event('user.cleared', { source: 'backend' }, offset);

/** Applies events in order and returns the final outcome. */
function applyAll(events: ActivityEnvelope[], initial?: DeviceSessionState): ActivityOutcome {
  let state = initial;
  let outcome: ActivityOutcome = { state, outputs: [], status: 'ignored' };
  for (const next of events) {
    outcome = applyActivity(state, next, POLICY);
    state = outcome.state;
  }

  return outcome;
}

function stateAfter(events: ActivityEnvelope[], initial?: DeviceSessionState): DeviceSessionState {
  const { state } = applyAll(events, initial);
  if (!state) {
    throw new Error('expected a device session state');
  }

  return state;
}

/** Returns the session context of a published action, failing on any other output. */
function contextOf(output: SessionOutput | undefined): SessionContext {
  if (output?.kind !== 'publish-contextualized-action') {
    throw new Error(`expected a contextualized action, got ${output?.kind}`);
  }

  return output.payload.session;
}

describe('applyActivity session.started', () => {
  it('creates an active session stamped with server time', () => {
    const outcome = applyActivity(undefined, started(), POLICY);

    expect(outcome.status).toBe('applied');
    expect(outcome.state).toMatchObject({
      session_id: 'session-1',
      tenant_id: 'tenant-a',
      device_id: 'device-1',
      state: 'active',
      created_at: T0,
      started_at: T0,
      last_seen_at: T0,
      idle_expires_at: at(1800),
      max_expires_at: at(8 * 3600),
      ip: CLIENT.ip,
      user_agent: CLIENT.user_agent,
      correlation_id: 'corr-session.started-0',
      current_user_id: null,
      action_count: 0,
    });
  });

  it('schedules the expiry timer and records the device', () => {
    const { outputs } = applyActivity(undefined, started(), POLICY);

    expect(outputs).toEqual([
      {
        kind: 'schedule-expiry',
        tenant_id: 'tenant-a',
        session_id: 'session-1',
        correlation_id: 'corr-session.started-0',
        due_at: at(1800),
      },
      {
        kind: 'record-device-session',
        tenant_id: 'tenant-a',
        session_id: 'session-1',
        device_id: 'device-1',
        seen_at: T0,
      },
    ]);
  });

  it('completes a session that telemetry created first', () => {
    const fromTelemetry: DeviceSessionState = {
      ...newSession(
        {
          session_id: 'session-1',
          tenant_id: 'tenant-a',
          device_id: 'device-1',
          correlation_id: 'corr-telemetry',
          at: at(2),
          client: {},
        },
        POLICY,
      ),
      telemetry_event_count: 12,
      device_attributes: { platform: 'MacIntel' },
      last_seen_at: at(5),
      revision: 3,
    };

    const state = stateAfter([started(0)], fromTelemetry);

    expect(state.created_at).toEqual(T0);
    expect(state.started_at).toEqual(T0);
    expect(state.max_expires_at).toEqual(at(8 * 3600));
    expect(state.correlation_id).toBe('corr-session.started-0');
    expect(state.last_seen_at).toEqual(at(5));
    expect(state.ip).toBe(CLIENT.ip);
    expect(state.telemetry_event_count).toBe(12);
    expect(state.device_attributes).toEqual({ platform: 'MacIntel' });
    expect(state.revision).toBe(3);
  });
});

describe('applyActivity action.triggered', () => {
  it('counts the action and refreshes the idle expiry', () => {
    const state = stateAfter([started(0), action(60)]);

    expect(state.action_count).toBe(1);
    expect(state.last_seen_at).toEqual(at(60));
    expect(state.idle_expires_at).toEqual(at(60 + 1800));
  });

  it('outputs the action with its session context', () => {
    const trigger = action(90, 'transaction');
    const { outputs } = applyAll([started(0), userSet(30, 'user-7'), trigger]);

    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toEqual({
      kind: 'publish-contextualized-action',
      source: trigger,
      payload: {
        action: trigger.payload,
        session: {
          device_id: 'device-1',
          started_at: T0.toISOString(),
          current_user_id: 'user-7',
          distinct_user_count: 1,
          action_count: 1,
          telemetry_event_count: 0,
          device_attributes: {},
        },
      },
    });
  });

  it('keeps an action whose session never started', () => {
    const outcome = applyActivity(undefined, action(10), POLICY);

    expect(outcome.status).toBe('applied');
    expect(outcome.state?.started_at).toBeUndefined();
    expect(outcome.state?.action_count).toBe(1);
    expect(outcome.outputs.map((output) => output.kind)).toEqual([
      'schedule-expiry',
      'publish-contextualized-action',
    ]);
  });
});

describe('applyActivity user changes', () => {
  it('sets the user on a successful login result', () => {
    const state = stateAfter([started(0), action(1), result(2, { user_id: 'user-1' })]);

    expect(state.current_user_id).toBe('user-1');
    expect(state.user_history).toEqual([{ user_id: 'user-1', set_at: at(2), set_by: 'login' }]);
  });

  it.each([
    ['a failed login', { result: 'failure' as const, user_id: 'user-1' }],
    ['a login result without a user', { result: 'success' as const }],
    ['another action type', { action_type: 'register', user_id: 'user-1' }],
  ])('leaves the user alone after %s', (_, fields) => {
    const state = stateAfter([started(0), result(2, fields)]);

    expect(state.current_user_id).toBeNull();
    expect(state.user_history).toEqual([]);
  });

  it('replaces another current user', () => {
    const state = stateAfter([started(0), userSet(1, 'user-1'), result(5, { user_id: 'user-2' })]);

    expect(state.current_user_id).toBe('user-2');
    expect(state.user_history).toEqual([
      {
        user_id: 'user-1',
        set_at: at(1),
        set_by: 'sdk',
        cleared_at: at(5),
        cleared_by: 'replaced',
      },
      { user_id: 'user-2', set_at: at(5), set_by: 'login' },
    ]);
  });

  it('records who set the user', () => {
    const state = stateAfter([started(0), userSet(1, 'user-1', 'backend')]);

    expect(state.user_history[0].set_by).toBe('backend');
  });

  it('treats setting the current user again as a no-op', () => {
    const once = stateAfter([started(0), userSet(1, 'user-1')]);
    const twice = stateAfter([started(0), userSet(1, 'user-1'), userSet(2, 'user-1', 'backend')]);

    expect(twice.user_history).toEqual(once.user_history);
    expect(twice.current_user_id).toBe('user-1');
  });

  it('clears the user explicitly', () => {
    const state = stateAfter([started(0), userSet(1, 'user-1'), userCleared(4)]);

    expect(state.current_user_id).toBeNull();
    expect(state.user_history).toEqual([
      {
        user_id: 'user-1',
        set_at: at(1),
        set_by: 'sdk',
        cleared_at: at(4),
        cleared_by: 'explicit',
      },
    ]);
  });

  it('counts distinct users across replacements', () => {
    const events = [started(0), userSet(1, 'u1'), userSet(2, 'u2'), userSet(3, 'u1'), action(4)];
    const { outputs } = applyAll(events);
    const context = contextOf(outputs[0]);

    expect(context.current_user_id).toBe('u1');
    expect(context.distinct_user_count).toBe(2);
  });

  it('ignores a user change for a session that never started', () => {
    const outcome = applyActivity(undefined, userSet(1, 'user-1'), POLICY);

    expect(outcome.status).toBe('ignored');
    expect(outcome.state).toBeUndefined();
  });
});

describe('applyActivity on an expired session', () => {
  const expired = (): DeviceSessionState => ({
    ...stateAfter([started(0), action(10), userSet(20, 'user-1')]),
    state: 'expired',
    expired_at: at(1820),
    current_user_id: null,
  });

  it('counts a late event without reviving the session', () => {
    const before = expired();
    const outcome = applyActivity(before, userSet(4000, 'user-2'), POLICY);

    expect(outcome.status).toBe('late');
    expect(outcome.outputs).toEqual([]);
    expect(outcome.state).toMatchObject({
      state: 'expired',
      late_event_count: 1,
      last_seen_at: before.last_seen_at,
      idle_expires_at: before.idle_expires_at,
      current_user_id: null,
      user_history: before.user_history,
    });
  });

  it('still passes a late action on with the context as it was', () => {
    const late = action(4000, 'checkout');
    const outcome = applyActivity(expired(), late, POLICY);
    const [output] = outcome.outputs;

    expect(outcome.status).toBe('late');
    expect(outcome.state?.action_count).toBe(1);
    expect(output.kind).toBe('publish-contextualized-action');
    expect(contextOf(output).action_count).toBe(1);
    expect(contextOf(output).distinct_user_count).toBe(1);
  });
});

describe('applyActivity replays', () => {
  it('skips an event it already applied', () => {
    const trigger = action(10);
    const once = stateAfter([started(0), trigger]);

    const replay = applyActivity(once, trigger, POLICY);

    expect(replay.status).toBe('replayed');
    expect(replay.outputs).toEqual([]);
    expect(replay.state).toBe(once);
  });

  it('skips a replayed late event', () => {
    const late = action(10);
    const expired = { ...stateAfter([started(0)]), state: 'expired' as const };
    const first = applyActivity(expired, late, POLICY);

    const replay = applyActivity(first.state, late, POLICY);

    expect(replay.status).toBe('replayed');
    expect(replay.state?.late_event_count).toBe(1);
  });

  it('remembers only the latest event ids', () => {
    const actions = Array.from({ length: RECENT_EVENT_LIMIT + 5 }, (_, i) => action(i + 1));
    const state = stateAfter([started(0), ...actions]);

    expect(state.recent_event_ids).toHaveLength(RECENT_EVENT_LIMIT);
    expect(state.recent_event_ids.at(-1)).toBe(actions.at(-1)?.event_id);
    expect(state.recent_event_ids).not.toContain(actions[0].event_id);
  });
});

describe('applyActivity ordering and ownership', () => {
  it('never moves the last activity back for an older event', () => {
    const state = stateAfter([started(0), action(100), action(50)]);

    expect(state.last_seen_at).toEqual(at(100));
    expect(state.idle_expires_at).toEqual(at(100 + 1800));
  });

  it('ignores an event of another tenant', () => {
    const session = stateAfter([started(0)]);
    const foreign = event('user.set', { user_id: 'user-9', source: 'sdk' }, 5, {
      tenantId: 'tenant-b',
    });

    const outcome = applyActivity(session, foreign, POLICY);

    expect(outcome.status).toBe('ignored');
    expect(outcome.state).toBe(session);
  });
});

describe('applyActivity session.expiry-due', () => {
  const IDLE_SECONDS = POLICY.idleTimeoutMs / 1000;
  const check = (offset: number, id = `check-${offset}`) =>
    event('session.expiry-due', { source: 'timer' }, offset, { eventId: id });

  it('reschedules an active session', () => {
    const before = stateAfter([started(), userSet(60, 'u1')]);

    const outcome = applyActivity(before, check(IDLE_SECONDS), POLICY);

    expect(outcome.state?.state).toBe('active');
    expect(outcome.state?.idle_expires_at).toEqual(before.idle_expires_at);
    expect(outcome.outputs).toEqual([
      expect.objectContaining({ kind: 'schedule-expiry', due_at: at(60 + IDLE_SECONDS) }),
    ]);
  });

  it('expires an idle session', () => {
    const before = stateAfter([started(), userSet(60, 'u1')]);

    const outcome = applyActivity(before, check(60 + IDLE_SECONDS + 5), POLICY);

    expect(outcome.state).toMatchObject({
      state: 'expired',
      expired_at: at(60 + IDLE_SECONDS),
      expiry_reason: 'idle_timeout',
      current_user_id: null,
    });
    expect(outcome.outputs).toEqual([
      expect.objectContaining({
        kind: 'announce-session-end',
        reason: 'idle_timeout',
        cleared_user_id: 'u1',
        token_expires_at: at(8 * 3600),
      }),
    ]);
  });

  it('counts activity received before the check, so a late-applied event keeps it alive', () => {
    const outcome = applyAll([started(), userSet(IDLE_SECONDS - 1, 'u1'), check(IDLE_SECONDS)]);

    expect(outcome.state?.state).toBe('active');
    expect(outcome.state?.current_user_id).toBe('u1');
  });

  it('announces an ended session again only while its announcement is not recorded', () => {
    const ended = stateAfter([started(), check(IDLE_SECONDS + 1, 'first')]);

    const again = applyActivity(ended, check(IDLE_SECONDS + 2, 'second'), POLICY);
    const recorded = applyActivity(
      { ...ended, expiry_published_at: at(IDLE_SECONDS + 1) },
      check(IDLE_SECONDS + 3),
      POLICY,
    );

    expect(again.outputs).toEqual([expect.objectContaining({ kind: 'announce-session-end' })]);
    expect(again.state).toBe(ended);
    expect(recorded.outputs).toEqual([]);
  });

  it('revokes a session at once, clearing its user as revoked', () => {
    const outcome = applyAll([
      started(),
      userSet(10, 'u1'),
      event('session.revoked', { source: 'backend' }, 20),
    ]);

    expect(outcome.state).toMatchObject({ state: 'expired', expiry_reason: 'revoked' });
    expect(outcome.state?.user_history).toEqual([
      expect.objectContaining({ user_id: 'u1', cleared_by: 'revoked', cleared_at: at(20) }),
    ]);
    expect(outcome.outputs).toEqual([
      expect.objectContaining({ kind: 'announce-session-end', reason: 'revoked' }),
    ]);
  });
});
