import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

export type UserSetBy = 'login' | 'sdk' | 'backend';
export type UserClearedBy = 'explicit' | 'replaced' | 'expired' | 'revoked';

/** One user's stay on a device session: when and how the user was set and cleared. */
export class UserAssociation {
  user_id: string;
  set_at: Date;
  set_by: UserSetBy;
  cleared_at?: Date;
  cleared_by?: UserClearedBy;
}

/**
 * A device session: the physical device's activity from the SDK's start until it expires. The
 * session service is its only writer.
 */
@Schema({ collection: 'device_sessions', versionKey: false, minimize: false })
export class DeviceSession {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) device_id: string;
  @Prop({ required: true, enum: ['active', 'expired'] }) state: 'active' | 'expired';
  @Prop({ required: true }) created_at: Date;
  /** Server time of the `session.started` event; missing while only telemetry or actions were seen. */
  @Prop() started_at?: Date;
  /** Correlation id of the event that created the session, carried into its expiry. */
  @Prop() correlation_id?: string;
  @Prop({ required: true }) last_seen_at: Date;
  /** When the idle timeout ends the session unless new activity arrives first. */
  @Prop({ required: true }) idle_expires_at: Date;
  /** When the maximum lifetime ends the session, whatever its activity. */
  @Prop({ required: true }) max_expires_at: Date;
  @Prop() expired_at?: Date;
  @Prop() expiry_reason?: string;
  /** When `device-session.expired` was published; missing until then, so a retried job publishes. */
  @Prop() expiry_published_at?: Date;
  @Prop({ type: String, default: null }) current_user_id: string | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) user_history: UserAssociation[];
  /** Every user the session has had, for finding a user's sessions and devices. */
  @Prop({ type: [String], default: [] }) user_ids: string[];
  @Prop({ default: 0 }) telemetry_event_count: number;
  @Prop({ default: 0 }) action_count: number;
  /** Telemetry events whose device clock was far from server time, or sent in seconds. */
  @Prop({ default: 0 }) skewed_event_count: number;
  /** Device minus server time, in milliseconds, of the latest event that carried a device time. */
  @Prop() clock_skew_ms?: number;
  /** Events that arrived after the session expired: counted, never applied. */
  @Prop({ default: 0 }) late_event_count: number;
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) device_attributes: Record<
    string,
    unknown
  >;
  @Prop() ip?: string;
  @Prop() user_agent?: string;
  /**
   * Partition and offset of the last telemetry record counted, so a telemetry batch consumed again
   * is counted once. Only the telemetry path writes it.
   */
  @Prop({ type: MongooseSchema.Types.Mixed }) telemetry_position?: {
    partition: number;
    offset: string;
  };
  /** Ids of the latest events applied, so a replayed record is recognised and skipped. */
  @Prop({ type: [String], default: [] }) recent_event_ids: string[];
  /**
   * Optimistic concurrency: every write of the activity and expiry paths checks that the stored
   * revision is still the one it read, and increments it. Telemetry writes to an active session
   * leave it alone, because they only use `$inc`, `$max` and per-key `$set` on fields the other
   * writers never `$set`. Counting late telemetry on an expired session does increment it.
   */
  @Prop({ default: 0 }) revision: number;
}

export type DeviceSessionDocument = HydratedDocument<DeviceSession>;
export const DeviceSessionSchema = SchemaFactory.createForClass(DeviceSession);
// Serves listing a device's sessions.
DeviceSessionSchema.index({ tenant_id: 1, device_id: 1, created_at: -1 });
// Serves listing a user's sessions and devices.
DeviceSessionSchema.index({ tenant_id: 1, user_ids: 1, created_at: -1 });
// Serve the sweep that finds active sessions past their idle timeout or maximum lifetime.
DeviceSessionSchema.index({ state: 1, idle_expires_at: 1 });
DeviceSessionSchema.index({ state: 1, max_expires_at: 1 });
