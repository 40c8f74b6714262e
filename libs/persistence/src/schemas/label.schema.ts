import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

export const LABEL_VALUES = [
  'confirmed_fraud',
  'suspected_fraud',
  'confirmed_legit',
  'undetermined',
] as const;
export type LabelValue = (typeof LABEL_VALUES)[number];

export const LABEL_TARGET_FIELDS = ['action_token', 'user_id', 'device_id', 'ip_address'] as const;

/**
 * One label an analyst or a backend put on an action, a user, a device or an IP. Labels are
 * append-only: a later label on the same target replaces an earlier one for the signals and the
 * reports, and both stay stored.
 */
@Schema({ collection: 'labels', versionKey: false })
export class Label {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true, enum: LABEL_VALUES }) label: string;
  @Prop({ required: true, enum: ['action', 'user', 'device', 'ip'] }) target_type: string;
  /** Action id, user id, device id or normalised IP address. */
  @Prop({ required: true }) target_id: string;
  /** The action's device and user when the target is an action. */
  @Prop() device_id?: string;
  @Prop() user_id?: string;
  @Prop() note?: string;
  /** Client id of the application that sent the label, and the assignee for a review case. */
  @Prop({ required: true }) created_by: string;
  @Prop({ required: true, enum: ['api', 'review_case'] }) source: string;
  @Prop() review_case_id?: string;
  @Prop({ required: true }) created_at: Date;
}

export type LabelDocument = HydratedDocument<Label>;
export const LabelSchema = SchemaFactory.createForClass(Label);
// Serves the precision report: a tenant's action labels by time.
LabelSchema.index({ tenant_id: 1, target_type: 1, created_at: -1 });
