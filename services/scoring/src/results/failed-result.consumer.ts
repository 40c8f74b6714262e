import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PinoLogger } from 'nestjs-pino';
import { Topics, TypedEnvelope } from '@vigil/contracts';
import { ConsumedEvent, MessagingLifecycle } from '@vigil/messaging';
import { Recommendation } from '@vigil/persistence';
import { ACTION_HISTORY_STORE } from '../decisions/scoring.providers';
import { ActionHistoryStore } from '../risk/action-history';
import { RedisActionHistoryStore } from '../risk/history.store';
import { DEFAULT_RISK_SIGNAL_CONFIG } from '../risk/risk-config';

/** Consumer group that counts failed results; its own, so it reads every session activity. */
export const FAILED_RESULT_GROUP = 'vigil-scoring-failed-results';

/**
 * Records each failed login result (`POST /risk/v1/action/result` with `result: failure`) in the
 * action history, for the failed-login signals of later actions of the device and the user.
 * The user is the one the result names, else the action's user or claimed user.
 */
@Injectable()
export class FailedResultConsumer implements OnModuleInit {
  private readonly actionTypes = new Set(DEFAULT_RISK_SIGNAL_CONFIG.failedLoginActionTypes);

  constructor(
    private readonly messaging: MessagingLifecycle,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
    @Inject(ACTION_HISTORY_STORE) private readonly history: ActionHistoryStore,
    private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    this.messaging.createConsumer({
      groupId: FAILED_RESULT_GROUP,
      topics: [Topics.sessionActivityRecorded],
      handler: (events) => this.recordFailures(events),
      maxWaitTimeInMs: 100,
    });
  }

  private async recordFailures(events: ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      if (envelope.type !== 'action.result-reported') {
        continue;
      }
      const result = envelope as TypedEnvelope<'action.result-reported'>;
      if (result.payload.result === 'failure' && this.actionTypes.has(result.payload.action_type)) {
        await this.recordFailure(result);
      }
    }
  }

  private async recordFailure(envelope: TypedEnvelope<'action.result-reported'>): Promise<void> {
    const { payload } = envelope;
    const scored = await this.recommendations.findOne({ _id: payload.action_id }).lean();
    const claimed = scored?.context?.claimed_user_id;
    const userId =
      payload.user_id ?? scored?.user_id ?? (typeof claimed === 'string' ? claimed : undefined);
    const deviceId = payload.device_id ?? scored?.device_id;
    if (deviceId === undefined || !(this.history instanceof RedisActionHistoryStore)) {
      this.logger.warn({ action_id: payload.action_id }, 'failed result without a known device');

      return;
    }
    const result = { actionId: payload.action_id, deviceId, userId };
    await this.history.recordFailedResult(
      envelope.tenant_id,
      result,
      new Date(envelope.received_at),
    );
  }
}
