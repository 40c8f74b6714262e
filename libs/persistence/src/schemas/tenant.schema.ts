import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

/** How long the tenant's device sessions last; a missing field takes the service default. */
export class SessionPolicySettings {
  idle_timeout_seconds?: number;
  max_lifetime_seconds?: number;
}

/** A customer of the deployment. Every record of the other collections names its tenant. */
@Schema({ collection: 'tenants', versionKey: false })
export class Tenant {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) name: string;
  @Prop({ required: true }) created_at: Date;
  @Prop({ type: Object }) session_policy?: SessionPolicySettings;
  /** RiskSettings of @vigil/contracts as the tenant set them; missing fields take the defaults. */
  @Prop({ type: MongooseSchema.Types.Mixed }) risk_settings?: Record<string, unknown>;
  /** Changes to a new random value on every rule change, so readers know to reload the rules. */
  @Prop() rules_revision?: string;
}

export type TenantDocument = HydratedDocument<Tenant>;
export const TenantSchema = SchemaFactory.createForClass(Tenant);
