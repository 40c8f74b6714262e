import { Device, DeviceSchema, Recommendation, RecommendationSchema } from '@vigil/persistence';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { RawResponse, send } from '../pipeline/http';
import { closeFixtures, database, eventually, findDeviceSession } from '../support/fixtures';
import {
  backendTenant,
  startSession as startOn,
  StartedSession as Started,
} from './lifecycle.fixture';

let tenant: ProvisionedApplication;
let bearer: Record<string, string>;

beforeAll(async () => {
  ({ tenant, bearer } = await backendTenant('lookups'));
});

afterAll(closeFixtures);

function startSession(deviceId?: string): Promise<Started> {
  return startOn(tenant, deviceId);
}

async function sdk(path: string, body: Record<string, unknown>): Promise<RawResponse> {
  const response = await send('POST', `/risk-collect/v1/${path}`, body);
  expect(response.status).toBeLessThan(300);

  return response;
}

function waitForSession(sessionId: string, done: (s: Record<string, unknown>) => boolean) {
  return eventually(async () => {
    const session = (await findDeviceSession(sessionId)) as Record<string, unknown> | null;

    return session && done(session) ? session : undefined;
  }, `session ${sessionId}`);
}

async function recommendationOf(actionToken: string): Promise<Recommendation> {
  const response = await eventually(async () => {
    const answer = await send(
      'GET',
      `/risk/v1/recommendation?action_token=${actionToken}`,
      undefined,
      bearer,
    );

    return answer.status === 200 ? answer : undefined;
  }, 'the recommendation');
  const db = await database();
  const model = db.model(Recommendation.name, RecommendationSchema);

  return (await model.findById(response.body.id).lean()) as Recommendation;
}

describe('users on a device session', () => {
  it('keep the later of two tabs', async () => {
    const { session_token: token, session_id: sessionId } = await startSession();

    await sdk('user', { session_token: token, user_id: 'tab-one' });
    await sdk('user', { session_token: token, user_id: 'tab-two' });
    const session = await waitForSession(sessionId, (s) => s.current_user_id === 'tab-two');

    expect(session.user_history).toEqual([
      expect.objectContaining({ user_id: 'tab-one', set_by: 'sdk', cleared_by: 'replaced' }),
      expect.objectContaining({ user_id: 'tab-two', set_by: 'sdk' }),
    ]);
  });

  it('clear a user whose clear arrives right after the set', async () => {
    const { session_token: token, session_id: sessionId } = await startSession();

    await sdk('user', { session_token: token, user_id: 'brief' });
    await sdk('user/clear', { session_token: token });
    const session = await waitForSession(sessionId, (s) =>
      (s.user_history as unknown[]).some((u) => (u as { cleared_by?: string }).cleared_by),
    );

    expect(session.current_user_id).toBeNull();
    expect(session.user_history).toEqual([
      expect.objectContaining({ user_id: 'brief', cleared_by: 'explicit' }),
    ]);
  });

  it('stay on actions taken meanwhile', async () => {
    const { session_token: token, session_id: sessionId } = await startSession();

    await sdk('user', { session_token: token, user_id: 'payer' });
    const during = await sdk('actions', { session_token: token, action_type: 'transaction' });
    await sdk('user/clear', { session_token: token });
    const after = await sdk('actions', {
      session_token: token,
      action_type: 'login',
      claimed_user_id: 'claimer@example.com',
      claimed_user_id_type: 'email',
    });
    const whileSet = await recommendationOf(during.body.action_token as string);
    const afterClear = await recommendationOf(after.body.action_token as string);
    const session = await findDeviceSession(sessionId);

    expect(whileSet.user_id).toBe('payer');
    expect(afterClear.user_id).toBeUndefined();
    expect(session?.current_user_id).toBeNull();
    expect(session?.user_ids).toEqual(['payer']);
  });
});

describe('a new device', () => {
  it('ends with one device record when its first two sessions start at once', async () => {
    const deviceId = `d_race_${Date.now().toString(36)}`;

    const [first, second] = await Promise.all([startSession(deviceId), startSession(deviceId)]);
    await waitForSession(first.session_id, (s) => s.started_at !== undefined);
    await waitForSession(second.session_id, (s) => s.started_at !== undefined);
    const db = await database();
    const devices = db.model(Device.name, DeviceSchema);
    const device = await eventually(async () => {
      const found = await devices.findById(deviceId).lean();

      return found?.session_count === 2 ? found : undefined;
    }, 'the device to count both sessions');

    expect(await devices.countDocuments({ _id: deviceId })).toBe(1);
    expect([first.session_id, second.session_id]).toContain(device.last_session_id);
  });
});

describe('lookups', () => {
  let deviceId: string;
  let sessions: Started[];

  beforeAll(async () => {
    const first = await startSession();
    deviceId = first.device_id;
    sessions = [first, await startSession(deviceId), await startSession(deviceId)];
    await sdk('user', { session_token: sessions[0].session_token, user_id: 'looked-up' });
    await sdk('user', { session_token: sessions[2].session_token, user_id: 'looked-up' });
    await waitForSession(sessions[2].session_id, (s) => s.current_user_id === 'looked-up');
    await waitForSession(sessions[0].session_id, (s) => s.current_user_id === 'looked-up');
  });

  function get(path: string, headers = bearer): Promise<RawResponse> {
    return send('GET', `/risk/v1/${path}`, undefined, headers);
  }

  it('get a session with its device, user history and counts', async () => {
    const response = await get(`sessions/${sessions[0].session_id}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      session_id: sessions[0].session_id,
      device_id: deviceId,
      state: 'active',
      current_user_id: 'looked-up',
      counts: { telemetry_events: 0, actions: 0, late_events: 0, skewed_events: 0 },
    });
    expect(response.body.user_history).toEqual([
      expect.objectContaining({ user_id: 'looked-up', set_by: 'sdk' }),
    ]);
  });

  it("page through a device's sessions, newest first", async () => {
    const first = await get(`devices/${deviceId}/sessions?limit=2`);
    const rest = await get(
      `devices/${deviceId}/sessions?limit=2&cursor=${first.body.next_cursor as string}`,
    );
    const ids = [...(first.body.items as Started[]), ...(rest.body.items as Started[])].map(
      (item) => item.session_id,
    );

    expect(first.status).toBe(200);
    expect(ids.sort()).toEqual(sessions.map((session) => session.session_id).sort());
    expect(rest.body.next_cursor).toBeUndefined();
  });

  it("list a user's sessions and devices", async () => {
    const userSessions = await get('users/looked-up/sessions');
    const userDevices = await get('users/looked-up/devices');

    expect((userSessions.body.items as Started[]).map((item) => item.session_id).sort()).toEqual(
      [sessions[0].session_id, sessions[2].session_id].sort(),
    );
    expect(userDevices.body.items).toEqual([
      expect.objectContaining({ device_id: deviceId, session_count: 2 }),
    ]);
  });

  it('find nothing of another tenant', async () => {
    const { bearer: otherBearer } = await backendTenant('lookups-other');

    const session = await get(`sessions/${sessions[0].session_id}`, otherBearer);
    const deviceSessions = await get(`devices/${deviceId}/sessions`, otherBearer);

    expect(session.status).toBe(404);
    expect(session.body.error).toBe('not_found');
    expect(deviceSessions.body.items).toEqual([]);
  });

  it('name the field of a bad limit or cursor', async () => {
    const limit = await get(`devices/${deviceId}/sessions?limit=0`);
    const cursor = await get(`devices/${deviceId}/sessions?cursor=nonsense`);

    expect(limit.status).toBe(400);
    expect(limit.body.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
    expect(cursor.status).toBe(400);
    expect(cursor.body.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const deviceCursor = await get('users/looked-up/devices?cursor=d_unknown');
    expect(deviceCursor.status).toBe(400);
    expect(deviceCursor.body.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});

describe('device clocks', () => {
  it('are flagged when far off', async () => {
    const { session_token: token, session_id: sessionId } = await startSession();
    const now = Date.now();

    await sdk('telemetry', {
      session_token: token,
      events: [
        { type: 'page_load', device_time: now + 3 * 3600_000 },
        { type: 'focus_change', device_time: Math.floor(now / 1000) },
        { type: 'visibility_change', device_time: now },
      ],
    });
    const session = await waitForSession(sessionId, (s) => s.telemetry_event_count === 3);
    const view = await send('GET', `/risk/v1/sessions/${sessionId}`, undefined, bearer);

    expect(session.skewed_event_count).toBe(2);
    expect(Math.abs(session.clock_skew_ms as number)).toBeLessThan(60_000);
    expect((session.last_seen_at as Date).getTime()).toBeLessThan(now + 60_000);
    expect(view.body.counts).toMatchObject({ telemetry_events: 3, skewed_events: 2 });
  });
});
