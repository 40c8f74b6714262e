import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import {
  AttributeMap,
  buildEnvelope,
  ClientContext,
  EnvelopeFields,
  EventType,
  PayloadByType,
  TelemetryEvent,
  TopicName,
  Topics,
  TypedEnvelope,
} from '@vigil/contracts';
import { envelopeHeaders } from '@vigil/messaging';
import { DeviceSession } from '@vigil/persistence';
import { eventually, findDeviceSession, testKafka } from '../support/fixtures';
import { SHARED_DATA, TEST_SESSION_SETTINGS } from '../support/stack';

/** The idle timeout of the session service that the global setup started. */
export const IDLE_TIMEOUT_MS = Number(TEST_SESSION_SETTINGS.SESSION_IDLE_TIMEOUT_SECONDS) * 1000;

/** Ids of one device session of a tenant of its own. */
export interface SessionIds {
  tenantId: string;
  sessionId: string;
  deviceId: string;
}

export function newSessionIds(): SessionIds {
  const suffix = randomUUID().slice(0, 12);

  return { tenantId: `t-session-${suffix}`, sessionId: `s-${suffix}`, deviceId: `d-${suffix}` };
}

/** Builds an envelope as the gateway would, received now unless `receivedAt` is given. */
export function envelopeFor<K extends EventType>(
  ids: SessionIds,
  type: K,
  payload: PayloadByType[K],
  extra: Partial<EnvelopeFields<K>> = {},
): TypedEnvelope<K> {
  const now = Date.now();

  return buildEnvelope<K>({
    type,
    tenantId: ids.tenantId,
    sessionId: ids.sessionId,
    correlationId: `corr-${randomUUID()}`,
    hops: { gateway_received_ms: now, gateway_published_ms: now },
    payload,
    ...extra,
  });
}

export function sessionStarted(
  ids: SessionIds,
  client: ClientContext,
  expiresAt = new Date(Date.now() + 3600_000),
) {
  return envelopeFor(ids, 'session.started', {
    device_id: ids.deviceId,
    application_id: 'app-session-tests',
    expires_at: expiresAt.toISOString(),
    client,
  });
}

export function telemetryRecorded(
  ids: SessionIds,
  events: TelemetryEvent[],
  client: ClientContext,
) {
  return envelopeFor(ids, 'telemetry.recorded', { device_id: ids.deviceId, client, events });
}

let nextOffset = 0;

/**
 * Gives telemetry records the positions a consumer would see: partition 0 and offsets that grow
 * across the whole test file, so no record looks already counted.
 */
export function positioned(records: TypedEnvelope<'telemetry.recorded'>[]) {
  return records.map((envelope) => ({ envelope, partition: 0, offset: String(nextOffset++) }));
}

export function actionTriggered(ids: SessionIds, actionType: string, client: ClientContext) {
  return envelopeFor(ids, 'action.triggered', {
    action_id: `a-${randomUUID()}`,
    action_type: actionType,
    device_id: ids.deviceId,
    source: 'sdk',
    client,
  });
}

/** Produces envelopes to `topic` keyed by session id, in one request, as the gateway does. */
export async function produce(producer: Producer, topic: TopicName, envelopes: TypedEnvelope[]) {
  await producer.send({
    topic,
    acks: -1,
    messages: envelopes.map((envelope) => ({
      key: envelope.session_id,
      value: JSON.stringify(envelope),
      headers: envelopeHeaders(envelope),
    })),
  });
}

/** Waits until the stored device session satisfies `condition`, and returns it. */
export async function waitForSession(
  sessionId: string,
  condition: (session: DeviceSession) => boolean,
  description: string,
  timeoutMs = 15_000,
): Promise<DeviceSession> {
  return eventually(
    async () => {
      const session = await findDeviceSession(sessionId);

      return session && condition(session) ? session : undefined;
    },
    description,
    timeoutMs,
  );
}

/**
 * Starts a session and waits until the service stored it, so that a test file's timings do not
 * include the service's consumers joining their groups.
 */
export async function waitUntilConsuming(producer: Producer): Promise<void> {
  const ids = newSessionIds();
  await produce(producer, Topics.sessionActivityRecorded, [sessionStarted(ids, {})]);
  await waitForSession(ids.sessionId, () => true, 'the session service to consume', 40_000);
}

/** Waits until `select` returns at least `count` items, and returns them. */
export async function waitForItems<T>(
  select: () => T[],
  description: string,
  count = 1,
  timeoutMs = 15_000,
): Promise<T[]> {
  return eventually(
    async () => {
      const items = select();

      return items.length >= count ? items : undefined;
    },
    description,
    timeoutMs,
  );
}

/** A record read back from an output topic. */
export interface ReadRecord {
  topic: string;
  key: string | undefined;
  headers: Record<string, string>;
  value: Buffer | null;
}

/**
 * Reads the output topics from the beginning with a group of its own and keeps every record, so
 * tests can wait for the records of their tenant or session.
 */
export class TopicRecorder {
  readonly records: ReadRecord[] = [];
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly topics: string[],
  ) {
    this.consumer = kafka.consumer({ groupId: `vigil-session-test-${randomUUID()}` });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        this.records.push(toReadRecord(topic, message));
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Returns the decoded envelopes of `topic` for which `match` holds. */
  envelopes<K extends EventType>(
    topic: TopicName,
    match: (envelope: TypedEnvelope<K>) => boolean,
  ): TypedEnvelope<K>[] {
    return this.records
      .filter((record) => record.topic === topic && record.value !== null)
      .map((record) => JSON.parse(record.value!.toString('utf8')) as TypedEnvelope<K>)
      .filter(match);
  }
}

function toReadRecord(topic: string, message: KafkaMessage): ReadRecord {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );

  return { topic, key: message.key?.toString('utf8'), headers, value: message.value };
}

/** Kafka clients for a test file: a producer and a recorder of the session service's outputs. */
export async function connectKafka(extraTopics: string[] = []) {
  const kafka = testKafka();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const recorder = new TopicRecorder(kafka, [
    Topics.actionContextualized,
    Topics.deviceSessionExpired,
    ...extraTopics,
  ]);
  await Promise.all([producer.connect(), recorder.start()]);

  return {
    producer,
    recorder,
    close: async () => {
      await Promise.all([producer.disconnect(), recorder.stop()]);
    },
  };
}

/** IP addresses and user agents of real logins, from the RBA data set sample. */
export function rbaClients(): ClientContext[] {
  const file = path.join(SHARED_DATA, 'rba-login-sample/rba_head19_pristine.csv');
  const rows: Record<string, string>[] = parse(readFileSync(file), { columns: true });

  return rows.map((row) => ({ ip: row['IP Address'], user_agent: row['User Agent String'] }));
}

const FINGERPRINT_FIELDS = [
  'appName',
  'deviceCategory',
  'language',
  'platform',
  'pluginsLength',
  'screenHeight',
  'screenWidth',
  'vendor',
  'viewportHeight',
  'viewportWidth',
];

let fingerprints: Record<string, unknown>[] | undefined;

/** Telemetry events carrying the scalar fields of real browser fingerprints as attributes. */
export function fingerprintTelemetry(count: number, offset = 0): TelemetryEvent[] {
  const file = path.join(SHARED_DATA, 'user-agents-fingerprints/user-agents.json');
  fingerprints ??= JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];

  return fingerprints.slice(offset, offset + count).map((record) => {
    const attributes: AttributeMap = {};
    for (const field of FINGERPRINT_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' || typeof value === 'number') {
        attributes[field] = value;
      }
    }

    return { type: 'device_profile', attributes };
  });
}
