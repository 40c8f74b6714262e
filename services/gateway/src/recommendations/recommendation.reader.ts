import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Recommendation } from '@vigil/persistence';
import { RecommendationArrivals } from './recommendation-arrivals';

/**
 * How often a waiting request reads MongoDB even without a wake-up, in case its recommendation
 * was published while this instance's arrival consumer was rebalancing.
 */
const FALLBACK_READ_INTERVAL_MS = 250;

/** Reads stored recommendations, and waits for ones that are not stored yet. */
@Injectable()
export class RecommendationReader {
  constructor(
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
    private readonly answers: RecommendationArrivals,
  ) {}

  /** Returns the tenant's recommendation of `actionId`, or undefined when there is none yet. */
  async find(tenantId: string, actionId: string): Promise<Recommendation | undefined> {
    // The filter is on _id alone because that is the only filter FerretDB looks up by key.
    // The tenant is checked in code instead, and the signed token already names it.
    const stored = await this.recommendations.findOne({ _id: actionId }).lean().exec();

    return stored && stored.tenant_id === tenantId ? stored : undefined;
  }

  /**
   * Starts waiting for the recommendation of `actionId`, up to the next fallback read. Call it before
   * publishing the action or before a first read, then pass the result to `waitUntil`.
   */
  startWaiting(actionId: string, deadlineMs: number): Promise<boolean> {
    const remainingMs = Math.max(0, deadlineMs - Date.now());

    return this.answers.waitFor(actionId, Math.min(remainingMs, FALLBACK_READ_INTERVAL_MS));
  }

  /**
   * Waits until the recommendation of `actionId` is stored or `deadlineMs` (epoch milliseconds)
   * passes, and returns it or undefined. `arrival` is the wait `startWaiting` began.
   */
  async waitUntil(
    tenantId: string,
    actionId: string,
    deadlineMs: number,
    arrival: Promise<boolean>,
  ): Promise<Recommendation | undefined> {
    let next = arrival;
    for (;;) {
      const arrived = await next;
      if (!arrived && Date.now() >= deadlineMs) {
        return undefined;
      }
      const stored = await this.find(tenantId, actionId);
      if (stored || Date.now() >= deadlineMs) {
        return stored;
      }
      next = this.startWaiting(actionId, deadlineMs);
    }
  }
}
