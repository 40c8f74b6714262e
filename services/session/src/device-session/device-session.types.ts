import {
  ActionContextualized,
  AttributeMap,
  SessionEndReason,
  TypedEnvelope,
} from '@vigil/contracts';

export type UserSetBy = 'login' | 'sdk' | 'backend';
export type UserClearedBy = 'explicit' | 'replaced' | 'expired' | 'revoked';
export type ExpiryReason = SessionEndReason;

/** One user's stay on a device session. */
export interface UserAssociation {
  user_id: string;
  set_at: Date;
  set_by: UserSetBy;
  cleared_at?: Date;
  cleared_by?: UserClearedBy;
}

/** A device session as the domain rules see it; the repository maps it to and from storage. */
export interface DeviceSessionState {
  session_id: string;
  tenant_id: string;
  device_id: string;
  state: 'active' | 'expired';
  created_at: Date;
  /** Server time of `session.started`; undefined while only telemetry or actions were seen. */
  started_at?: Date;
  correlation_id?: string;
  last_seen_at: Date;
  idle_expires_at: Date;
  max_expires_at: Date;
  expired_at?: Date;
  expiry_reason?: ExpiryReason;
  expiry_published_at?: Date;
  current_user_id: string | null;
  user_history: UserAssociation[];
  telemetry_event_count: number;
  action_count: number;
  late_event_count: number;
  device_attributes: AttributeMap;
  ip?: string;
  user_agent?: string;
  /** Ids of the latest applied events, oldest first. */
  recent_event_ids: string[];
  /** Storage revision the state was read at; the rules never change it. */
  revision: number;
}

export type ActivityEnvelope = TypedEnvelope<
  | 'session.started'
  | 'action.triggered'
  | 'action.result-reported'
  | 'user.set'
  | 'user.cleared'
  | 'session.revoked'
  | 'session.expiry-due'
>;

/** Settings the rules depend on. */
export interface SessionPolicy {
  idleTimeoutMs: number;
}

/** An `action.contextualized` event to publish, built from the action event that caused it. */
export interface ContextualizedActionOutput {
  kind: 'publish-contextualized-action';
  source: TypedEnvelope<'action.triggered'>;
  payload: ActionContextualized;
}

/** An expiry timer to schedule for the session. */
export interface ScheduleExpiryOutput {
  kind: 'schedule-expiry';
  tenant_id: string;
  session_id: string;
  correlation_id: string;
  due_at: Date;
}

/** A device record to update because a session of the device started. */
export interface DeviceSeenOutput {
  kind: 'record-device-session';
  tenant_id: string;
  device_id: string;
  session_id: string;
  seen_at: Date;
}

/**
 * An ended session to announce once its state is written: a Redis mark makes the gateway reject
 * its token, and `device-session.expired` is published.
 */
export interface SessionEndedOutput {
  kind: 'announce-session-end';
  tenant_id: string;
  session_id: string;
  device_id: string;
  correlation_id: string;
  reason: ExpiryReason;
  expired_at: Date;
  /** When the session token stops working anyway; the gateway's mark lasts until then. */
  token_expires_at: Date;
  cleared_user_id?: string;
}

export type SessionOutput =
  ContextualizedActionOutput | ScheduleExpiryOutput | DeviceSeenOutput | SessionEndedOutput;

/**
 * Outcome of applying one event: `applied` changed the session, `replayed` was seen before and
 * skipped, `late` arrived after expiry and was only counted, `ignored` could not be applied.
 */
export type ActivityStatus = 'applied' | 'replayed' | 'late' | 'ignored';

export interface ActivityOutcome {
  state: DeviceSessionState | undefined;
  outputs: SessionOutput[];
  status: ActivityStatus;
  /** Reason an `ignored` event was not applied. */
  reason?: string;
}
