import mongoose, { Connection, Model } from 'mongoose';
import { ClientContext, Topics } from '@vigil/contracts';
import { DeviceSession, DeviceSessionSchema } from '@vigil/persistence';
import { DocumentWriteLock } from '../../services/session/src/device-session/document-write.lock';
import { SessionTelemetryRepository } from '../../services/session/src/device-session/session-telemetry.repository';
import { closeFixtures } from '../support/fixtures';
import {
  connectKafka,
  fingerprintTelemetry,
  IDLE_TIMEOUT_MS,
  newSessionIds,
  positioned,
  produce,
  rbaClients,
  SessionIds,
  sessionStarted,
  telemetryRecorded,
  waitForSession,
  waitUntilConsuming,
} from './session-harness';

const POLICY = { idleTimeoutMs: IDLE_TIMEOUT_MS };

let clients: ClientContext[];

beforeAll(() => {
  clients = rbaClients();
});

afterAll(closeFixtures);

describe('telemetry consumer', () => {
  let kafka: Awaited<ReturnType<typeof connectKafka>>;

  beforeAll(async () => {
    kafka = await connectKafka();
    await waitUntilConsuming(kafka.producer);
  });

  afterAll(async () => {
    await kafka.close();
  });

  it('counts every event and merges the attributes into the session', async () => {
    const ids = newSessionIds();
    await produce(kafka.producer, Topics.sessionActivityRecorded, [
      sessionStarted(ids, clients[7]),
    ]);
    const records = [0, 1, 2, 3, 4].map((batch) =>
      telemetryRecorded(ids, fingerprintTelemetry(20, batch * 20), clients[7]),
    );
    const lastEvents = records[4].payload.events;

    await produce(kafka.producer, Topics.telemetryRecorded, records);
    const session = await waitForSession(
      ids.sessionId,
      (s) => s.telemetry_event_count === 100,
      'the telemetry to be counted',
    );
    const lastReceivedAt = new Date(records[4].received_at);

    expect(session.device_attributes).toEqual(lastEvents[lastEvents.length - 1].attributes);
    expect(session.last_seen_at).toEqual(lastReceivedAt);
    expect(session.idle_expires_at).toEqual(new Date(lastReceivedAt.getTime() + IDLE_TIMEOUT_MS));
  });

  it('creates a session that its later start completes', async () => {
    const ids = newSessionIds();
    const telemetry = telemetryRecorded(ids, fingerprintTelemetry(3, 200), clients[10]);
    await produce(kafka.producer, Topics.telemetryRecorded, [telemetry]);
    const provisional = await waitForSession(ids.sessionId, () => true, 'the telemetry');
    const start = sessionStarted(ids, clients[11]);

    await produce(kafka.producer, Topics.sessionActivityRecorded, [start]);
    const session = await waitForSession(ids.sessionId, (s) => !!s.started_at, 'the start');

    expect(provisional.started_at).toBeUndefined();
    expect(provisional.telemetry_event_count).toBe(3);
    expect(session.telemetry_event_count).toBe(3);
    expect(session.created_at).toEqual(new Date(telemetry.received_at));
    expect(session.max_expires_at).toEqual(new Date(start.payload.expires_at));
    expect(session.correlation_id).toBe(start.correlation_id);
    expect(session.ip).toBe(clients[10].ip);
    expect(session.device_attributes).toEqual(telemetry.payload.events[2].attributes);
  });
});

describe(SessionTelemetryRepository.name, () => {
  let connection: Connection;
  let sessions: Model<DeviceSession>;
  let repository: SessionTelemetryRepository;
  const updatedIds: string[] = [];

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/vigil';
    connection = await mongoose.createConnection(uri, { monitorCommands: true }).asPromise();
    sessions = connection.model<DeviceSession>(DeviceSession.name, DeviceSessionSchema);
    repository = new SessionTelemetryRepository(sessions, new DocumentWriteLock());
    connection.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'update' && event.command.update === 'device_sessions') {
        for (const statement of event.command.updates as { q: { _id: string } }[]) {
          updatedIds.push(statement.q._id);
        }
      }
    });
  });

  afterAll(async () => {
    await connection.close();
  });

  function telemetryBatch(ids: SessionIds, records: number, eventsPerRecord: number) {
    return Array.from({ length: records }, (_, index) =>
      telemetryRecorded(ids, fingerprintTelemetry(eventsPerRecord, index * 7), clients[8]),
    );
  }

  it('writes a batch of many events for one session once', async () => {
    const ids = newSessionIds();
    const records = telemetryBatch(ids, 10, 10);

    await repository.record(positioned(records), () => POLICY);
    const session = await sessions.findById(ids.sessionId).lean();

    expect(updatedIds.filter((id) => id === ids.sessionId)).toHaveLength(1);
    expect(session?.telemetry_event_count).toBe(100);
    expect(session?.state).toBe('active');
    expect(session?.created_at).toEqual(new Date(records[0].received_at));
  });

  it('counts records consumed again once, after a crash or in a longer batch', async () => {
    const ids = newSessionIds();
    const records = positioned(telemetryBatch(ids, 4, 2));

    await repository.record(records.slice(0, 2), () => POLICY);
    await repository.record(records, () => POLICY);
    await repository.record(records, () => POLICY);
    const session = await sessions.findById(ids.sessionId).lean();

    expect(session?.telemetry_event_count).toBe(8);
    expect(session?.telemetry_position).toEqual({ partition: 0, offset: records[3].offset });
  });

  it('applies every active session once when one in the batch expired', async () => {
    const [fresh, expired, active, later] = [1, 2, 3, 4].map(() => newSessionIds());
    await repository.record(positioned(telemetryBatch(active, 1, 2)), () => POLICY);
    await repository.record(positioned(telemetryBatch(expired, 1, 2)), () => POLICY);
    await sessions.updateOne({ _id: expired.sessionId }, { $set: { state: 'expired' } });
    const batch = [fresh, expired, active, later].flatMap((ids) => telemetryBatch(ids, 2, 3));

    const late = await repository.record(positioned(batch), () => POLICY);
    const stored = await sessions
      .find({ _id: { $in: [fresh, expired, active, later].map((ids) => ids.sessionId) } })
      .lean();
    const countOf = (ids: SessionIds) =>
      stored.find((session) => session._id === ids.sessionId)?.telemetry_event_count;

    expect(late.map((summary) => summary.session_id)).toEqual([expired.sessionId]);
    expect(countOf(fresh)).toBe(6);
    expect(countOf(active)).toBe(2 + 6);
    expect(countOf(later)).toBe(6);
    expect(countOf(expired)).toBe(2);
    expect(stored.find((session) => session._id === expired.sessionId)).toMatchObject({
      state: 'expired',
      late_event_count: 6,
    });
  });
});
