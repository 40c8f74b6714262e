import { Provider } from '@nestjs/common';
import { Topics } from '@vigil/contracts';
import { MODELS } from '@vigil/persistence';
import { FailedResultConsumer } from '../results/failed-result.consumer';
import { GeoPreload } from '../results/geo-preload';
import { ReviewCaseConsumer } from './review-case.consumer';

/** Topics the review cases and the failed-result history consume. */
export const REVIEW_TOPICS = [Topics.recommendationIssued, Topics.sessionActivityRecorded];

/** Models the review cases need besides the recommendations. */
export const REVIEW_MODELS = [MODELS.reviewCase];

export const reviewProviders: Provider[] = [ReviewCaseConsumer, FailedResultConsumer, GeoPreload];
