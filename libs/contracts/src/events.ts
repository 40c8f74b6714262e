import { randomUUID } from 'node:crypto';
import { ContractViolationError } from './errors';
import { ENVELOPE_VERSION, EventEnvelope, HopTimes } from './envelope';
import {
  ActionContextualized,
  ActionResultReported,
  ActionTriggered,
  DeviceSessionExpired,
  RecommendationIssued,
  SessionExpiryDue,
  SessionRevoked,
  SessionStarted,
  TelemetryRecorded,
  UserCleared,
  UserSet,
} from './payloads';
import { Topics, TopicName } from './topics';
import { validateAs } from './validation';

/** Event types, and the payload schema of each, that each topic carries. */
export const EventTypes = {
  telemetryRecorded: 'telemetry.recorded',
  sessionStarted: 'session.started',
  actionTriggered: 'action.triggered',
  actionResultReported: 'action.result-reported',
  userSet: 'user.set',
  userCleared: 'user.cleared',
  sessionRevoked: 'session.revoked',
  sessionExpiryDue: 'session.expiry-due',
  actionContextualized: 'action.contextualized',
  recommendationIssued: 'recommendation.issued',
  deviceSessionExpired: 'device-session.expired',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export interface PayloadByType {
  'telemetry.recorded': TelemetryRecorded;
  'session.started': SessionStarted;
  'action.triggered': ActionTriggered;
  'action.result-reported': ActionResultReported;
  'user.set': UserSet;
  'user.cleared': UserCleared;
  'session.revoked': SessionRevoked;
  'session.expiry-due': SessionExpiryDue;
  'action.contextualized': ActionContextualized;
  'recommendation.issued': RecommendationIssued;
  'device-session.expired': DeviceSessionExpired;
}

const SCHEMAS: { [K in EventType]: new () => PayloadByType[K] } = {
  'telemetry.recorded': TelemetryRecorded,
  'session.started': SessionStarted,
  'action.triggered': ActionTriggered,
  'action.result-reported': ActionResultReported,
  'user.set': UserSet,
  'user.cleared': UserCleared,
  'session.revoked': SessionRevoked,
  'session.expiry-due': SessionExpiryDue,
  'action.contextualized': ActionContextualized,
  'recommendation.issued': RecommendationIssued,
  'device-session.expired': DeviceSessionExpired,
};

export const TOPIC_EVENT_TYPES: Record<TopicName, readonly EventType[]> = {
  [Topics.telemetryRecorded]: ['telemetry.recorded'],
  [Topics.sessionActivityRecorded]: [
    'session.started',
    'action.triggered',
    'action.result-reported',
    'user.set',
    'user.cleared',
    'session.revoked',
    'session.expiry-due',
  ],
  [Topics.actionContextualized]: ['action.contextualized'],
  [Topics.recommendationIssued]: ['recommendation.issued'],
  [Topics.deviceSessionExpired]: ['device-session.expired'],
};

/** An envelope whose payload matches its `type`. */
export type TypedEnvelope<K extends EventType = EventType> = {
  [T in K]: EventEnvelope<PayloadByType[T]> & { type: T };
}[K];

export interface EnvelopeFields<K extends EventType> {
  type: K;
  tenantId: string;
  sessionId: string;
  correlationId?: string;
  eventId?: string;
  receivedAt?: Date;
  hops?: HopTimes;
  payload: PayloadByType[K];
}

/** Builds an envelope and validates it against the contract before it is published. */
export function buildEnvelope<K extends EventType>(fields: EnvelopeFields<K>): TypedEnvelope<K> {
  const eventId = fields.eventId ?? randomUUID();
  const plain = {
    envelope_version: ENVELOPE_VERSION,
    event_id: eventId,
    type: fields.type,
    tenant_id: fields.tenantId,
    session_id: fields.sessionId,
    correlation_id: fields.correlationId ?? eventId,
    received_at: (fields.receivedAt ?? new Date()).toISOString(),
    hops: fields.hops,
    payload: fields.payload,
  };
  if (plain.hops === undefined) {
    delete plain.hops;
  }
  validateEnvelope(plain, fields.type);

  return plain as unknown as TypedEnvelope<K>;
}

/**
 * Validates a decoded record against the envelope schema and the payload schema of its type.
 * `allowed` lists the types the consuming topic carries.
 *
 * @throws ContractViolationError when the envelope, its type or its payload is invalid.
 */
export function validateEnvelope<K extends EventType>(
  plain: unknown,
  ...allowed: K[]
): TypedEnvelope<K> {
  const envelope = validateAs(EventEnvelope, plain, 'event envelope');
  if (!(allowed as string[]).includes(envelope.type)) {
    throw new ContractViolationError(
      `event type ${JSON.stringify(envelope.type)} is not expected`,
      [{ field: 'type', message: `must be one of ${allowed.join(', ')}` }],
    );
  }
  const type = envelope.type as K;
  const payload = validateAs(SCHEMAS[type], envelope.payload, `${type} payload`);

  return { ...envelope, type, payload } as unknown as TypedEnvelope<K>;
}

/** Decodes a Kafka record value as JSON and validates it as one of the topic's event types. */
export function decodeRecord(topic: TopicName, value: Buffer | null): TypedEnvelope {
  if (value === null) {
    throw new ContractViolationError('record has no value', [
      { field: '', message: 'must not be empty' },
    ]);
  }
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new ContractViolationError(`record value is not JSON: ${(error as Error).message}`, [
      { field: '', message: 'must be JSON' },
    ]);
  }

  return validateEnvelope(plain, ...TOPIC_EVENT_TYPES[topic]);
}
