import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule, ModelDefinition } from '@nestjs/mongoose';
import { InfrastructureSettings } from '@vigil/config';
import { Application, ApplicationSchema } from './schemas/application.schema';
import { Device, DeviceSchema } from './schemas/device.schema';
import { DeviceSession, DeviceSessionSchema } from './schemas/device-session.schema';
import { Label, LabelSchema } from './schemas/label.schema';
import { Recommendation, RecommendationSchema } from './schemas/recommendation.schema';
import { ReviewCase, ReviewCaseSchema } from './schemas/review-case.schema';
import { Tenant, TenantSchema } from './schemas/tenant.schema';
import { Rule, RuleSchema, RuleVersion, RuleVersionSchema } from './schemas/rule.schema';

export const MODELS = {
  tenant: { name: Tenant.name, schema: TenantSchema },
  application: { name: Application.name, schema: ApplicationSchema },
  deviceSession: { name: DeviceSession.name, schema: DeviceSessionSchema },
  device: { name: Device.name, schema: DeviceSchema },
  recommendation: { name: Recommendation.name, schema: RecommendationSchema },
  rule: { name: Rule.name, schema: RuleSchema },
  ruleVersion: { name: RuleVersion.name, schema: RuleVersionSchema },
  label: { name: Label.name, schema: LabelSchema },
  reviewCase: { name: ReviewCase.name, schema: ReviewCaseSchema },
} satisfies Record<string, ModelDefinition>;

/**
 * The MongoDB connection and the models a service uses. The code keeps to what both MongoDB 7 and
 * FerretDB v1 support: no TTL indexes, transactions, change streams or aggregation pipelines, and
 * no projection on findOneAndUpdate.
 */
@Module({})
export class PersistenceModule {
  static forRoot(models: ModelDefinition[]): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [InfrastructureSettings],
          useFactory: (settings: InfrastructureSettings) => ({
            uri: settings.MONGODB_URI,
            serverSelectionTimeoutMS: 10_000,
          }),
        }),
        MongooseModule.forFeature(models),
      ],
      exports: [MongooseModule],
    };
  }
}
