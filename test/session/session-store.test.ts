import mongoose, { Connection, Model } from 'mongoose';
import { ClientContext } from '@vigil/contracts';
import { Device, DeviceSchema, DeviceSession, DeviceSessionSchema } from '@vigil/persistence';
import { applySessionEvents } from '../../services/session/src/activity/session-batch';
import { DeviceRepository } from '../../services/session/src/device-session/device.repository';
import { DeviceSessionRepository } from '../../services/session/src/device-session/device-session.repository';
import { DeviceSessionState } from '../../services/session/src/device-session/device-session.types';
import { DocumentWriteLock } from '../../services/session/src/device-session/document-write.lock';
import { SessionTelemetryRepository } from '../../services/session/src/device-session/session-telemetry.repository';
import {
  envelopeFor,
  fingerprintTelemetry,
  IDLE_TIMEOUT_MS,
  newSessionIds,
  positioned,
  rbaClients,
  SessionIds,
  sessionStarted,
  telemetryRecorded,
} from './session-harness';

const POLICY = { idleTimeoutMs: IDLE_TIMEOUT_MS };
const STORE_COLLECTIONS = new Set(['device_sessions', 'devices']);

/** The filter of each read and write statement sent to the session service's collections. */
const filters: Record<string, unknown>[] = [];

let connection: Connection;
let sessionModel: Model<DeviceSession>;
let sessions: DeviceSessionRepository;
let telemetry: SessionTelemetryRepository;
let devices: DeviceRepository;
let clients: ClientContext[];

beforeAll(async () => {
  const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/vigil';
  connection = await mongoose.createConnection(uri, { monitorCommands: true }).asPromise();
  sessionModel = connection.model<DeviceSession>(DeviceSession.name, DeviceSessionSchema);
  const lock = new DocumentWriteLock();
  sessions = new DeviceSessionRepository(sessionModel, lock);
  telemetry = new SessionTelemetryRepository(sessionModel, lock);
  devices = new DeviceRepository(connection.model<Device>(Device.name, DeviceSchema), lock);
  clients = rbaClients();
  connection.getClient().on('commandStarted', ({ commandName, command }) => {
    if (commandName === 'find' && STORE_COLLECTIONS.has(command.find)) {
      filters.push(command.filter);
    } else if (commandName === 'update' && STORE_COLLECTIONS.has(command.update)) {
      filters.push(...(command.updates as { q: Record<string, unknown> }[]).map((u) => u.q));
    }
  });
});

afterAll(async () => {
  await connection.close();
});

/** Stores a started session, as the activity consumer would, and returns its state. */
async function startedSession(ids: SessionIds, client: ClientContext) {
  const { state } = applySessionEvents(undefined, [sessionStarted(ids, client)], POLICY);
  await sessions.save(state!, true);

  return (await sessions.findById(ids.sessionId))!;
}

function withUser(session: DeviceSessionState, ids: SessionIds, userId: string) {
  const userSet = envelopeFor(ids, 'user.set', { user_id: userId, source: 'backend' });

  return applySessionEvents(session, [userSet], POLICY).state!;
}

describe(DeviceSessionRepository.name, () => {
  it('saves a session read at the stored revision', async () => {
    const ids = newSessionIds();
    const read = await startedSession(ids, clients[12]);

    const written = await sessions.save(withUser(read, ids, 'user-store'), false);
    const stored = await sessions.findById(ids.sessionId);

    expect(written).toBe(true);
    expect(stored?.current_user_id).toBe('user-store');
    expect(stored?.revision).toBe(read.revision + 1);
  });

  it('rejects a save read at an older revision', async () => {
    const ids = newSessionIds();
    const read = await startedSession(ids, clients[13]);
    await sessions.save(withUser(read, ids, 'user-first'), false);

    const written = await sessions.save(withUser(read, ids, 'user-stale'), false);
    const stored = await sessions.findById(ids.sessionId);

    expect(written).toBe(false);
    expect(stored?.current_user_id).toBe('user-first');
  });

  it('rejects a save whose guard fails', async () => {
    const ids = newSessionIds();
    const read = await startedSession(ids, clients[14]);

    const written = await sessions.save(withUser(read, ids, 'user-guarded'), false, () => false);
    const stored = await sessions.findById(ids.sessionId);

    expect(written).toBe(false);
    expect(stored?.current_user_id).toBeNull();
    expect(stored?.revision).toBe(read.revision);
  });

  it('rejects a save after late telemetry was counted', async () => {
    const ids = newSessionIds();
    const read = await startedSession(ids, clients[15]);
    await sessionModel.updateOne({ _id: ids.sessionId }, { $set: { state: 'expired' } });
    const late = telemetryRecorded(ids, fingerprintTelemetry(2, 40), clients[15]);
    await telemetry.record(positioned([late]), () => POLICY);

    const written = await sessions.save(withUser(read, ids, 'user-after-late'), false);
    const stored = await sessions.findById(ids.sessionId);

    expect(written).toBe(false);
    expect(stored?.late_event_count).toBe(2);
  });
});

describe('session store filters', () => {
  it('are the document id alone on every read and write', async () => {
    const [fresh, active, expired] = [1, 2, 3].map(() => newSessionIds());
    const activeRead = await startedSession(active, clients[16]);
    const expiredRead = await startedSession(expired, clients[17]);
    await sessions.save({ ...expiredRead, state: 'expired', expired_at: new Date() }, false);
    filters.length = 0;

    await sessions.findByIds([fresh, active, expired].map((ids) => ids.sessionId));
    await sessions.save(withUser(activeRead, active, 'user-filters'), false);
    await sessions.markExpiryPublished(expired.sessionId, new Date());
    const batch = [fresh, active, expired].map((ids) =>
      telemetryRecorded(ids, fingerprintTelemetry(3, 60), clients[18]),
    );
    const late = await telemetry.record(positioned(batch), () => POLICY);
    await devices.recordSession({
      kind: 'record-device-session',
      tenant_id: active.tenantId,
      device_id: active.deviceId,
      session_id: active.sessionId,
      seen_at: new Date(),
    });

    expect(late.map((summary) => summary.session_id)).toEqual([expired.sessionId]);
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) {
      expect(Object.keys(filter)).toEqual(['_id']);
      expect(typeof filter._id).toBe('string');
    }
  });
});
