import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeviceSession, UserAssociation } from '@vigil/persistence';

export class UserAssociationView {
  @ApiProperty() user_id: string;
  @ApiProperty() set_at: string;
  @ApiProperty({ enum: ['login', 'sdk', 'backend'] }) set_by: string;
  @ApiPropertyOptional() cleared_at?: string;
  @ApiPropertyOptional({ enum: ['explicit', 'replaced', 'expired', 'revoked'] })
  cleared_by?: string;
}

export class SessionCountsView {
  @ApiProperty() telemetry_events: number;
  @ApiProperty() actions: number;
  @ApiProperty({ description: 'events that arrived after the session ended' }) late_events: number;
  @ApiProperty({ description: 'telemetry events whose device clock was far off' })
  skewed_events: number;
}

export class SessionView {
  @ApiProperty() session_id: string;
  @ApiProperty() device_id: string;
  @ApiProperty({ enum: ['active', 'expired'] }) state: string;
  @ApiProperty() created_at: string;
  @ApiProperty() last_seen_at: string;
  @ApiProperty() idle_expires_at: string;
  @ApiProperty() max_expires_at: string;
  @ApiPropertyOptional() expired_at?: string;
  @ApiPropertyOptional({ enum: ['idle_timeout', 'max_lifetime', 'revoked'] })
  expiry_reason?: string;
  @ApiPropertyOptional() current_user_id?: string;
  @ApiProperty({ type: [UserAssociationView] }) user_history: UserAssociationView[];
  @ApiProperty() counts: SessionCountsView;
  @ApiPropertyOptional({ description: 'device minus server time, latest telemetry' })
  clock_skew_ms?: number;
  @ApiPropertyOptional() ip?: string;
  @ApiPropertyOptional() user_agent?: string;
}

export class SessionPageView {
  @ApiProperty({ type: [SessionView] }) items: SessionView[];
  @ApiPropertyOptional({ description: 'pass as cursor to get the next page' }) next_cursor?: string;
}

export class UserDeviceView {
  @ApiProperty() device_id: string;
  @ApiProperty({ description: "the user's sessions on this device" }) session_count: number;
  @ApiProperty() first_seen_at: string;
  @ApiProperty() last_seen_at: string;
  @ApiProperty() last_session_id: string;
}

export class UserDevicePageView {
  @ApiProperty({ type: [UserDeviceView] }) items: UserDeviceView[];
  @ApiPropertyOptional() next_cursor?: string;
}

export type StoredSession = Partial<DeviceSession> & Pick<DeviceSession, '_id'>;

export function toSessionView(doc: StoredSession): SessionView {
  return {
    session_id: doc._id,
    device_id: doc.device_id ?? '',
    state: doc.state ?? 'active',
    created_at: iso(doc.created_at),
    last_seen_at: iso(doc.last_seen_at),
    idle_expires_at: iso(doc.idle_expires_at),
    max_expires_at: iso(doc.max_expires_at),
    expired_at: doc.expired_at ? iso(doc.expired_at) : undefined,
    expiry_reason: doc.expiry_reason,
    current_user_id: doc.current_user_id ?? undefined,
    user_history: (doc.user_history ?? []).map(toAssociationView),
    counts: {
      telemetry_events: doc.telemetry_event_count ?? 0,
      actions: doc.action_count ?? 0,
      late_events: doc.late_event_count ?? 0,
      skewed_events: doc.skewed_event_count ?? 0,
    },
    clock_skew_ms: doc.clock_skew_ms,
    ip: doc.ip,
    user_agent: doc.user_agent,
  };
}

/** Groups a user's sessions, newest first, into the devices they were on. */
export function toUserDevices(sessions: StoredSession[]): UserDeviceView[] {
  const byDevice = new Map<string, UserDeviceView>();
  for (const session of sessions) {
    const deviceId = session.device_id ?? '';
    const createdAt = iso(session.created_at);
    const seenAt = iso(session.last_seen_at);
    const known = byDevice.get(deviceId);
    if (!known) {
      byDevice.set(deviceId, {
        device_id: deviceId,
        session_count: 1,
        first_seen_at: createdAt,
        last_seen_at: seenAt,
        last_session_id: session._id,
      });
      continue;
    }
    known.session_count += 1;
    known.first_seen_at = createdAt < known.first_seen_at ? createdAt : known.first_seen_at;
    known.last_seen_at = seenAt > known.last_seen_at ? seenAt : known.last_seen_at;
  }

  return [...byDevice.values()];
}

function toAssociationView(association: UserAssociation): UserAssociationView {
  return {
    user_id: association.user_id,
    set_at: iso(association.set_at),
    set_by: association.set_by,
    cleared_at: association.cleared_at ? iso(association.cleared_at) : undefined,
    cleared_by: association.cleared_by,
  };
}

function iso(value: Date | string | undefined): string {
  return value ? new Date(value).toISOString() : '';
}
