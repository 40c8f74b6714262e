import { AttributeMap, VigilError } from '@vigil/contracts';
import { DeviceSession } from '@vigil/persistence';
import { DeviceSessionState, ExpiryReason } from './device-session.types';

/** A device session document as the driver returns it; documents written by telemetry lack fields. */
export type StoredDeviceSession = Partial<DeviceSession> & Pick<DeviceSession, '_id'>;

/** Maps a stored document to the state the rules work on, filling fields an upsert left out. */
export function toState(doc: StoredDeviceSession): DeviceSessionState {
  return {
    session_id: doc._id,
    tenant_id: doc.tenant_id ?? '',
    device_id: doc.device_id ?? '',
    state: doc.state ?? 'active',
    created_at: requireDate(doc, 'created_at'),
    started_at: doc.started_at ?? undefined,
    correlation_id: doc.correlation_id ?? undefined,
    last_seen_at: requireDate(doc, 'last_seen_at'),
    idle_expires_at: requireDate(doc, 'idle_expires_at'),
    max_expires_at: requireDate(doc, 'max_expires_at'),
    expired_at: doc.expired_at ?? undefined,
    expiry_reason: (doc.expiry_reason as ExpiryReason | undefined) ?? undefined,
    expiry_published_at: doc.expiry_published_at ?? undefined,
    current_user_id: doc.current_user_id ?? null,
    user_history: doc.user_history ?? [],
    telemetry_event_count: doc.telemetry_event_count ?? 0,
    action_count: doc.action_count ?? 0,
    late_event_count: doc.late_event_count ?? 0,
    device_attributes: (doc.device_attributes ?? {}) as AttributeMap,
    ip: doc.ip ?? undefined,
    user_agent: doc.user_agent ?? undefined,
    recent_event_ids: doc.recent_event_ids ?? [],
    revision: doc.revision ?? 0,
  };
}

/**
 * The fields the activity and expiry paths own and `$set` as a whole. Telemetry counters and
 * attributes, the activity times (moved with `$max`) and the expiry publication mark are left out,
 * so a write never undoes what another writer recorded in between.
 */
export function toOwnedFields(state: DeviceSessionState): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    tenant_id: state.tenant_id,
    device_id: state.device_id,
    state: state.state,
    created_at: state.created_at,
    started_at: state.started_at,
    correlation_id: state.correlation_id,
    max_expires_at: state.max_expires_at,
    expired_at: state.expired_at,
    expiry_reason: state.expiry_reason,
    current_user_id: state.current_user_id,
    user_history: state.user_history,
    user_ids: [...new Set(state.user_history.map((association) => association.user_id))],
    action_count: state.action_count,
    late_event_count: state.late_event_count,
    ip: state.ip,
    user_agent: state.user_agent,
    recent_event_ids: state.recent_event_ids,
  };

  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The whole document for a session the activity path creates. */
export function toNewDocument(state: DeviceSessionState): StoredDeviceSession {
  return {
    _id: state.session_id,
    ...toOwnedFields(state),
    last_seen_at: state.last_seen_at,
    idle_expires_at: state.idle_expires_at,
    telemetry_event_count: state.telemetry_event_count,
    device_attributes: state.device_attributes,
    revision: state.revision + 1,
  };
}

function requireDate(doc: StoredDeviceSession, field: keyof DeviceSession): Date {
  const value = doc[field];
  if (!(value instanceof Date)) {
    throw new VigilError(
      `device session ${doc._id} has no valid ${field}; repair or delete the document`,
      'invalid_device_session',
      false,
    );
  }

  return value;
}
