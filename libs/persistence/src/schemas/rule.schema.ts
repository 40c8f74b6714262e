import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';

/**
 * The current version of a tenant's rule. The gateway is its only writer; the scoring service
 * reads a tenant's rules again whenever the tenant's `rules_revision` changes.
 */
@Schema({ collection: 'rules', versionKey: false, minimize: false })
export class Rule {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true, min: 1 }) version: number;
  @Prop({ required: true }) name: string;
  @Prop({ required: true, min: 1, max: 1000 }) priority: number;
  @Prop({ required: true }) enabled: boolean;
  @Prop({ required: true, enum: ['production', 'preview'] }) mode: string;
  @Prop({ required: true, enum: ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY'] }) recommendation: string;
  /** RuleMatchers of @vigil/contracts; custom attribute keys follow ATTRIBUTE_KEY_PATTERN. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) matchers: Record<string, unknown>;
  @Prop({ required: true }) created_at: Date;
  @Prop({ required: true }) updated_at: Date;
}

export type RuleDocument = HydratedDocument<Rule>;
export const RuleSchema = SchemaFactory.createForClass(Rule);
// Serves loading and listing a tenant's rules.
RuleSchema.index({ tenant_id: 1, priority: 1 });

/**
 * One version of a rule, kept after the rule changes or is deleted, so that the rule hits of a
 * recommendation can be traced to the exact rule text. `_id` is `<rule_id>:<version>`, so two
 * writers that race to create the same version collide on the key and one of them fails.
 */
@Schema({ collection: 'rule_versions', versionKey: false, minimize: false })
export class RuleVersion {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) tenant_id: string;
  @Prop({ required: true }) rule_id: string;
  @Prop({ required: true, min: 1 }) version: number;
  @Prop({ required: true }) name: string;
  @Prop({ required: true }) priority: number;
  @Prop({ required: true }) enabled: boolean;
  @Prop({ required: true }) mode: string;
  @Prop({ required: true }) recommendation: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) matchers: Record<string, unknown>;
  /** When this version was written; a deleted rule's last version also has `deleted_at`. */
  @Prop({ required: true }) created_at: Date;
  @Prop() deleted_at?: Date;
}

export type RuleVersionDocument = HydratedDocument<RuleVersion>;
export const RuleVersionSchema = SchemaFactory.createForClass(RuleVersion);
// Serves listing the versions of one rule.
RuleVersionSchema.index({ rule_id: 1, version: 1 });
