import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

/**
 * The decision on one action event, stored under the action id so that it can be fetched by action
 * token long after the device session ended.
 */
@Schema({ collection: 'recommendations', versionKey: false })
export class Recommendation {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) session_id: string;
  @Prop({ required: true }) device_id: string;
  @Prop({ required: true }) action_type: string;
  @Prop() user_id?: string;
  @Prop({ required: true, enum: ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY'] }) type: string;
  @Prop({ required: true, min: 0, max: 100 }) risk_score: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) reasons: Record<string, unknown>[];
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} }) context: Record<string, unknown>;
  @Prop({ required: true }) action_received_at: Date;
  @Prop({ required: true }) issued_at: Date;
  /** RuleHit objects of @vigil/contracts: every rule that matched, in priority order. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined }) rule_hits?: Record<
    string,
    unknown
  >[];
  @Prop() monitoring_mode?: boolean;
  /** The engine's recommendation; differs from `type` only in monitoring mode. */
  @Prop({ enum: ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY'] }) engine_recommendation?: string;
}

export type RecommendationDocument = HydratedDocument<Recommendation>;
export const RecommendationSchema = SchemaFactory.createForClass(Recommendation);
// Serves listing a tenant's recommendations by time.
RecommendationSchema.index({ tenant_id: 1, issued_at: -1 });
