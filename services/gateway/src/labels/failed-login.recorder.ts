import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Model } from 'mongoose';
import { ActionResult } from '@vigil/contracts';
import { Recommendation } from '@vigil/persistence';
import { RedisActionHistoryStore } from '../../../scoring/src/risk/history.store';
import { DEFAULT_RISK_SIGNAL_CONFIG } from '../../../scoring/src/risk/risk-config';
import { ActionClaims } from '../credentials/gateway-tokens';
import { GatewaySettings } from '../gateway.settings';
import { GATEWAY_REDIS } from './gateway-redis.provider';

/**
 * Records a failed login result in the scoring service's action history before the result call
 * returns, so the failed-login signals of the next action of the device and the user count it.
 * The user is the one the result names, else the action's user or claimed user as its
 * recommendation stored them.
 *
 * NOTE: a failure reported before the action was scored counts for the device alone, unless
 * the result names the user.
 */
@Injectable()
export class FailedLoginRecorder {
  private readonly history: RedisActionHistoryStore;
  private readonly actionTypes = new Set(DEFAULT_RISK_SIGNAL_CONFIG.failedLoginActionTypes);

  constructor(
    @Inject(GATEWAY_REDIS) redis: Redis,
    settings: GatewaySettings,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
  ) {
    this.history = new RedisActionHistoryStore(redis, { keyPrefix: settings.HISTORY_KEY_PREFIX });
  }

  async record(action: ActionClaims, result: ActionResult, userId?: string): Promise<void> {
    if (result !== 'failure' || !this.actionTypes.has(action.act)) {
      return;
    }
    const user = userId ?? (await this.userOfAction(action));
    const failed = { actionId: action.aid, deviceId: action.did, userId: user };
    await this.history.recordFailedResult(action.ten, failed, new Date());
  }

  private async userOfAction(action: ActionClaims): Promise<string | undefined> {
    const scored = await this.recommendations.findOne({ _id: action.aid }).lean();
    if (!scored || scored.tenant_id !== action.ten) {
      return undefined;
    }
    const claimed = scored.context?.claimed_user_id;

    return scored.user_id ?? (typeof claimed === 'string' ? claimed : undefined);
  }
}
