import { DeviceSessionState, SessionPolicy } from './device-session.types';
import { newSession } from './session-creation';
import { decideExpiry, expireSession, expiryDue } from './session-expiry';
import { setCurrentUser } from './session-users';

const POLICY: SessionPolicy = { idleTimeoutMs: 60_000 };
const T0 = new Date('2025-03-01T10:00:00.000Z');

function at(offsetSeconds: number): Date {
  return new Date(T0.getTime() + offsetSeconds * 1000);
}

function session(lastSeenOffset: number, maxOffset: number): DeviceSessionState {
  const base = newSession(
    {
      session_id: 'session-1',
      tenant_id: 'tenant-a',
      device_id: 'device-1',
      correlation_id: 'corr-1',
      at: T0,
      client: {},
    },
    POLICY,
  );

  return { ...base, last_seen_at: at(lastSeenOffset), max_expires_at: at(maxOffset) };
}

describe(expiryDue.name, () => {
  it('is the idle timeout after the last activity', () => {
    expect(expiryDue(session(30, 3600), POLICY)).toEqual({
      due_at: at(90),
      reason: 'idle_timeout',
    });
  });

  it('is the maximum lifetime when that comes first', () => {
    expect(expiryDue(session(30, 80), POLICY)).toEqual({ due_at: at(80), reason: 'max_lifetime' });
  });
});

describe(decideExpiry.name, () => {
  it('does nothing for an expired session', () => {
    const expired = { ...session(0, 3600), state: 'expired' as const };

    expect(decideExpiry(expired, at(5000), POLICY)).toEqual({ kind: 'already-expired' });
  });

  it('reschedules a session that was active since the timer was set', () => {
    expect(decideExpiry(session(30, 3600), at(60), POLICY)).toEqual({
      kind: 'not-due',
      due: { due_at: at(90), reason: 'idle_timeout' },
    });
  });

  it('expires an idle session', () => {
    expect(decideExpiry(session(30, 3600), at(90), POLICY).kind).toBe('due');
  });

  it('expires a busy session at its maximum lifetime', () => {
    expect(decideExpiry(session(3590, 3600), at(3601), POLICY)).toEqual({
      kind: 'due',
      due: { due_at: at(3600), reason: 'max_lifetime' },
    });
  });
});

describe(expireSession.name, () => {
  it('ends the session at its due time and clears its user', () => {
    const withUser = setCurrentUser(session(30, 3600), 'user-1', 'login', at(10));

    const { state, clearedUserId } = expireSession(withUser, {
      due_at: at(90),
      reason: 'idle_timeout',
    });

    expect(clearedUserId).toBe('user-1');
    expect(state).toMatchObject({
      state: 'expired',
      expired_at: at(90),
      expiry_reason: 'idle_timeout',
      current_user_id: null,
    });
    expect(state.user_history).toEqual([
      {
        user_id: 'user-1',
        set_at: at(10),
        set_by: 'login',
        cleared_at: at(90),
        cleared_by: 'expired',
      },
    ]);
  });

  it('reports no cleared user for a session without one', () => {
    const { clearedUserId } = expireSession(session(0, 3600), {
      due_at: at(60),
      reason: 'idle_timeout',
    });

    expect(clearedUserId).toBeUndefined();
  });
});
