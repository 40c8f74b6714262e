import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PinoLogger } from 'nestjs-pino';
import { RecommendationIssued, Topics, TypedEnvelope } from '@vigil/contracts';
import { ConsumedEvent, MessagingLifecycle } from '@vigil/messaging';
import { bulkWriteInChunks, ReviewCase } from '@vigil/persistence';
import { caseOpeningOf, RuleFields } from './review-case.rules';

/** Consumer group of the review cases; its own, so it reads every recommendation. */
export const REVIEW_CASE_GROUP = 'vigil-scoring-review-cases';

/**
 * Opens a review case for each issued recommendation that needs one. Cases are upserted under
 * the action id with `$setOnInsert`, so a replayed recommendation leaves the case, and any
 * assignment or resolution on it, as it is.
 */
@Injectable()
export class ReviewCaseConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    @InjectModel(ReviewCase.name) private readonly cases: Model<ReviewCase>,
    private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    this.messaging.createConsumer({
      groupId: REVIEW_CASE_GROUP,
      topics: [Topics.recommendationIssued],
      handler: (events) => this.openCases(events),
      maxWaitTimeInMs: 100,
    });
  }

  private async openCases(events: ConsumedEvent[]): Promise<void> {
    const cases = events
      .map((event) => toReviewCase(event.envelope as TypedEnvelope<'recommendation.issued'>))
      .filter((item): item is ReviewCase => item !== undefined);
    if (cases.length === 0) {
      return;
    }
    const operations = cases.map((item) => ({
      updateOne: { filter: { _id: item._id }, update: { $setOnInsert: item }, upsert: true },
    }));
    await bulkWriteInChunks(this.cases, operations, { ordered: false });
    this.logger.info({ count: cases.length }, 'review cases opened');
  }
}

function toReviewCase(envelope: TypedEnvelope<'recommendation.issued'>): ReviewCase | undefined {
  const payload = envelope.payload as RecommendationIssued & RuleFields;
  const opening = caseOpeningOf(payload);
  if (opening === undefined) {
    return undefined;
  }
  const now = new Date();
  const reviewCase: ReviewCase = {
    _id: payload.action_id,
    tenant_id: envelope.tenant_id,
    session_id: envelope.session_id,
    device_id: payload.device_id,
    action_type: payload.action_type,
    outcome: opening.outcome,
    risk_score: payload.risk_score,
    reason_codes: payload.reasons.map((reason) => reason.code),
    preview_rule_ids: opening.preview_rule_ids,
    opened_for: opening.opened_for,
    status: 'open',
    action_issued_at: new Date(payload.issued_at),
    created_at: now,
    updated_at: now,
  };
  if (payload.user_id !== undefined) {
    reviewCase.user_id = payload.user_id;
  }

  return reviewCase;
}
