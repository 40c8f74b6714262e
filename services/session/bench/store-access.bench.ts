/**
 * Times the session service's store access for batches of 100 device sessions against the
 * MongoDB server of MONGODB_URI, with the real repositories and consumer handler. Kafka
 * and Redis are left out: the publisher and the expiry scheduler do nothing here.
 *
 *   npm run build && . .local/env && \
 *     node -r ./deploy/runtime/register.js dist/services/session/bench/store-access.bench.js
 *
 * The sessions get a tenant of their own and are deleted at the end.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { Connection, Model } from 'mongoose';
import { PinoLogger } from 'nestjs-pino';
import { buildEnvelope, Topics, TypedEnvelope } from '@vigil/contracts';
import { ConsumedEvent, EventPublisher } from '@vigil/messaging';
import {
  Device,
  DeviceSchema,
  DeviceSession,
  DeviceSessionSchema,
  EndedSessions,
  Tenant,
  TenantSchema,
} from '@vigil/persistence';
import { ActivityBatchHandler } from '../src/activity/activity-batch.handler';
import { DeviceRepository } from '../src/device-session/device.repository';
import { DeviceSessionRepository } from '../src/device-session/device-session.repository';
import { DocumentWriteLock } from '../src/device-session/document-write.lock';
import { SessionPolicies } from '../src/device-session/session-policies';
import { SessionTelemetryRepository } from '../src/device-session/session-telemetry.repository';
import { ExpiryScheduler } from '../src/expiry/expiry.scheduler';
import { SessionEndAnnouncer } from '../src/expiry/session-end.announcer';
import { SessionSettings } from '../src/session.settings';

const SESSIONS = 100;
const IDLE_TIMEOUT_SECONDS = 60;

/** Per command name: how many were sent and their summed round-trip time as the driver saw it. */
const stats = new Map<string, { count: number; ms: number }>();
const started = new Map<number, string>();
const tenantId = `bench-${randomUUID().slice(0, 8)}`;
const sessionIds = Array.from({ length: SESSIONS }, (_, index) => `${tenantId}-s${index}`);
const receivedAt = new Date(Date.now() - 10 * 60_000);

type BenchEventType =
  'telemetry.recorded' | 'session.started' | 'action.triggered' | 'session.expiry-due';

function envelope<K extends BenchEventType>(
  type: K,
  sessionId: string,
  payload: TypedEnvelope<K>['payload'],
  at: Date = receivedAt,
): TypedEnvelope<K> {
  return buildEnvelope<K>({ type, tenantId, sessionId, receivedAt: at, payload } as never);
}

function consumed(envelopes: TypedEnvelope[]): ConsumedEvent[] {
  return envelopes.map((item, offset) => ({
    topic: Topics.sessionActivityRecorded,
    partition: 0,
    offset: String(offset),
    envelope: item,
  }));
}

let nextTelemetryOffset = 0;

function telemetryBatch() {
  return sessionIds.map((id) => ({
    envelope: envelope('telemetry.recorded', id, {
      device_id: `${id}-device`,
      client: { ip: '198.51.100.7' },
      events: [{ type: 'page_load', attributes: { screenWidth: 390, language: 'en-US' } }],
    }),
    partition: 0,
    offset: String(nextTelemetryOffset++),
  }));
}

function starts(): ConsumedEvent[] {
  return consumed(
    sessionIds.map((id) =>
      envelope('session.started', id, {
        device_id: `${id}-device`,
        application_id: 'bench',
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        client: {},
      }),
    ),
  );
}

function actions(): ConsumedEvent[] {
  return consumed(
    sessionIds.map((id) =>
      envelope('action.triggered', id, {
        action_id: `a-${randomUUID()}`,
        action_type: 'login',
        device_id: `${id}-device`,
        source: 'sdk',
        client: {},
      }),
    ),
  );
}

/** Checks received after every idle timeout ran out, so each one expires its session. */
function expiryChecks(): ConsumedEvent[] {
  return consumed(
    sessionIds.map((id) =>
      envelope('session.expiry-due', id, { source: 'timer' }, new Date(Date.now() + 3_600_000)),
    ),
  );
}

async function step(name: string, run: () => Promise<unknown>): Promise<void> {
  stats.clear();
  const startedAt = performance.now();
  await run();
  const elapsed = performance.now() - startedAt;
  const commands = [...stats]
    .map(([command, { count, ms }]) => `${count} ${command} ${(ms / count).toFixed(1)} ms`)
    .join(', ');
  console.log(`${name.padEnd(34)} ${elapsed.toFixed(0).padStart(6)} ms   ${commands}`);
}

function monitor(connection: Connection): void {
  const client = connection.getClient();
  client.on('commandStarted', (event) => started.set(event.requestId, event.commandName));
  const finish = (event: { requestId: number; duration: number }) => {
    const command = started.get(event.requestId);
    started.delete(event.requestId);
    if (command === undefined) {
      return;
    }
    const entry = stats.get(command) ?? { count: 0, ms: 0 };
    stats.set(command, { count: entry.count + 1, ms: entry.ms + event.duration });
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
}

/** Prints totals over the benchmark's documents, so that two runs can be compared for results. */
async function summarize(sessionModel: Model<DeviceSession>, deviceModel: Model<Device>) {
  const docs = await sessionModel.find({ tenant_id: tenantId }).lean();
  const total = (field: 'telemetry_event_count' | 'late_event_count' | 'action_count') =>
    docs.reduce((sum, doc) => sum + (doc[field] ?? 0), 0);
  const expired = docs.filter((doc) => doc.state === 'expired').length;
  const sessionCounts = await deviceModel.find({ tenant_id: tenantId }).lean();
  console.log(
    `result: ${docs.length} sessions, ${expired} expired, telemetry events ` +
      `${total('telemetry_event_count')}, actions ${total('action_count')}, late events ` +
      `${total('late_event_count')}, devices ${sessionCounts.length} with ` +
      `${sessionCounts.reduce((sum, doc) => sum + doc.session_count, 0)} sessions`,
  );
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/vigil';
  const connection = await mongoose.createConnection(uri, { monitorCommands: true }).asPromise();
  const sessionModel = connection.model<DeviceSession>(DeviceSession.name, DeviceSessionSchema);
  const deviceModel = connection.model<Device>(Device.name, DeviceSchema);
  const logger = new PinoLogger({ pinoHttp: { level: 'warn' } });
  const settings = Object.assign(new SessionSettings(), {
    SESSION_IDLE_TIMEOUT_SECONDS: IDLE_TIMEOUT_SECONDS,
  });
  const publisher = { publish: async () => undefined } as unknown as EventPublisher;
  const scheduler = {
    schedule: async () => 'bench',
    scheduleOrLeaveToSweep: async () => undefined,
  } as unknown as ExpiryScheduler;
  const lock = new DocumentWriteLock();
  const sessions = new DeviceSessionRepository(sessionModel, lock);
  const telemetry = new SessionTelemetryRepository(sessionModel, lock);
  const devices = new DeviceRepository(deviceModel, lock);
  const policies = new SessionPolicies(
    connection.model<Tenant>(Tenant.name, TenantSchema),
    settings,
  );
  const ended = { record: async () => undefined } as unknown as EndedSessions;
  const announcer = new SessionEndAnnouncer(ended, publisher, sessions, logger);
  const handler = new ActivityBatchHandler(
    sessions,
    devices,
    publisher,
    scheduler,
    policies,
    announcer,
    logger,
  );
  const policy = () => ({ idleTimeoutMs: IDLE_TIMEOUT_SECONDS * 1000 });
  const stored = await sessionModel.estimatedDocumentCount();
  console.log(`${uri}: ${stored} device sessions stored, batches of ${SESSIONS} sessions`);
  monitor(connection);

  try {
    await step('telemetry, new sessions', () => telemetry.record(telemetryBatch(), policy));
    await step('telemetry, active sessions', () => telemetry.record(telemetryBatch(), policy));
    await step('activity, session.started', () => handler.handle(starts()));
    await step('activity, action.triggered', () => handler.handle(actions()));
    await step('expiry, one check per session', () => handler.handle(expiryChecks()));
    await step('telemetry, expired sessions', () => telemetry.record(telemetryBatch(), policy));
    await step('activity, late action.triggered', () => handler.handle(actions()));
    await summarize(sessionModel, deviceModel);
  } finally {
    connection.getClient().removeAllListeners('commandSucceeded');
    await sessionModel.deleteMany({ tenant_id: tenantId });
    await deviceModel.deleteMany({ tenant_id: tenantId });
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error('store access benchmark failed', error);
  process.exit(1);
});
