import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/** A physical device, identified by the device id the server issued to its SDK. */
@Schema({ collection: 'devices', versionKey: false })
export class Device {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) created_at: Date;
  @Prop({ required: true }) last_seen_at: Date;
  @Prop({ default: 0 }) session_count: number;
  @Prop({ type: String }) last_session_id?: string;
}

export type DeviceDocument = HydratedDocument<Device>;
export const DeviceSchema = SchemaFactory.createForClass(Device);
// Serves listing a tenant's devices by recency.
DeviceSchema.index({ tenant_id: 1, last_seen_at: -1 });
