import { Provider, Type } from '@nestjs/common';
import { MODELS } from '@vigil/persistence';
import { FailedLoginRecorder } from '../labels/failed-login.recorder';
import { labelStoreProviders } from '../labels/gateway-redis.provider';
import { LabelController } from '../labels/label.controller';
import { LabelService } from '../labels/label.service';
import { PrecisionController } from '../labels/precision.controller';
import { ReviewCaseController } from './review-case.controller';
import { ReviewCaseService } from './review-case.service';

/** Models of the labels and review cases, besides the recommendations the gateway reads. */
export const REVIEW_MODELS = [MODELS.label, MODELS.reviewCase];

export const reviewControllers: Type<unknown>[] = [
  LabelController,
  PrecisionController,
  ReviewCaseController,
];

export const reviewProviders: Provider[] = [
  ...labelStoreProviders,
  LabelService,
  ReviewCaseService,
  FailedLoginRecorder,
];
