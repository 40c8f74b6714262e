import { Provider } from '@nestjs/common';
import { Topics } from '@vigil/contracts';
import { MODELS } from '@vigil/persistence';
import { GeoPreload } from '../risk/geo/geo-preload';
import { ReviewCaseConsumer } from './review-case.consumer';

/** Topics the review cases consume. */
export const REVIEW_TOPICS = [Topics.recommendationIssued];

/** Models the review cases need besides the recommendations. */
export const REVIEW_MODELS = [MODELS.reviewCase];

export const reviewProviders: Provider[] = [ReviewCaseConsumer, GeoPreload];
