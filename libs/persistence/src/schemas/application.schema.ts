import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * An app of a tenant. The client id is public (the SDK sends it); the client secret authenticates
 * backend calls and is stored only as a salted scrypt hash.
 */
@Schema({ collection: 'applications', versionKey: false })
export class Application {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) name: string;
  // Serves the lookup of every SDK call and token request by client id.
  @Prop({ required: true, unique: true }) client_id: string;
  @Prop({ required: true }) client_secret_hash: string;
  @Prop({ required: true }) created_at: Date;
}

export type ApplicationDocument = HydratedDocument<Application>;
export const ApplicationSchema = SchemaFactory.createForClass(Application);
