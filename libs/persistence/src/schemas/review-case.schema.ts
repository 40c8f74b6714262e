import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

export const REVIEW_CASE_STATUSES = ['open', 'assigned', 'resolved'] as const;
export type ReviewCaseStatus = (typeof REVIEW_CASE_STATUSES)[number];

/**
 * An action an analyst should look at: one the engine challenged or denied, or one a preview
 * rule matched. Stored under the action id, so a replayed recommendation creates no second case.
 */
@Schema({ collection: 'review_cases', versionKey: false })
export class ReviewCase {
  /** The action id. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) session_id: string;
  @Prop({ required: true }) device_id: string;
  @Prop() user_id?: string;
  @Prop({ required: true }) action_type: string;
  /** What the engine decided; in monitoring mode the app received ALLOW. */
  @Prop({ required: true }) outcome: string;
  @Prop({ required: true }) risk_score: number;
  @Prop({ type: [String], default: [] }) reason_codes: string[];
  @Prop({ type: [String], default: [] }) preview_rule_ids: string[];
  /** Why the case was opened: `outcome` (CHALLENGE or DENY) and/or `preview_rule`. */
  @Prop({ type: [String], default: [] }) opened_for: string[];
  @Prop({ required: true, enum: REVIEW_CASE_STATUSES }) status: string;
  @Prop() assignee?: string;
  @Prop() resolution?: string;
  @Prop() label?: string;
  @Prop() resolved_by?: string;
  @Prop() resolved_at?: Date;
  @Prop({ required: true }) action_issued_at: Date;
  @Prop({ required: true }) created_at: Date;
  @Prop({ required: true }) updated_at: Date;
  @Prop({ type: MongooseSchema.Types.Mixed }) history?: Record<string, unknown>[];
}

export type ReviewCaseDocument = HydratedDocument<ReviewCase>;
export const ReviewCaseSchema = SchemaFactory.createForClass(ReviewCase);
// Serves listing a tenant's cases newest first, with or without a status filter.
ReviewCaseSchema.index({ tenant_id: 1, created_at: -1 });
ReviewCaseSchema.index({ tenant_id: 1, status: 1, created_at: -1 });
