import { Injectable } from '@nestjs/common';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ClientContext, RecommendationType } from '@vigil/contracts';
import { SessionClaims } from '../credentials/gateway-tokens';
import { RecommendationReader } from '../recommendations/recommendation.reader';
import {
  RecommendationOutcome,
  RecommendationView,
  toRecommendationView,
} from '../recommendations/recommendation.view';
import { RiskSettingsStore } from '../settings/risk-settings.store';
import { ActionInput, ActionService, newActionId } from './action.service';

/**
 * Response of trigger-action?get_recommendation=true: the full recommendation when it was ready
 * within the tenant's budget, else only the tenant's `budget_exceeded_outcome`.
 */
export class RealtimeAnswerView extends PartialType(RecommendationView) {
  @ApiProperty({ description: 'fetches the recommendation later, also after budget_exceeded' })
  action_token: string;

  @ApiProperty({ description: "true when the tenant's realtime_budget_ms ran out first" })
  budget_exceeded: boolean;

  @ApiProperty() declare recommendation: RecommendationOutcome;
}

/** Reports an action and waits for its recommendation within the tenant's real-time budget. */
@Injectable()
export class RealtimeActionService {
  constructor(
    private readonly actions: ActionService,
    private readonly reader: RecommendationReader,
    private readonly settings: RiskSettingsStore,
  ) {}

  /**
   * Publishes the action, then waits until `startedAtMs` plus the tenant's `realtime_budget_ms`.
   * The action is always published before the call returns, so a budget shorter than the publish
   * returns `budget_exceeded` right after it.
   */
  async trigger(
    session: SessionClaims,
    input: ActionInput,
    client: ClientContext,
    startedAtMs: number,
  ): Promise<RealtimeAnswerView> {
    const settings = await this.settings.getCached(session.ten);
    const deadlineMs = startedAtMs + settings.realtime_budget_ms;
    const actionId = newActionId();
    // Registered before publishing, so a recommendation that comes back fast still wakes this call.
    const arrival = this.reader.startWaiting(actionId, deadlineMs);
    const { action_token } = await this.actions.trigger(session, input, client, actionId);
    const stored = await this.reader.waitUntil(session.ten, actionId, deadlineMs, arrival);
    if (!stored) {
      return budgetExceeded(action_token, settings.budget_exceeded_outcome);
    }

    return { action_token, budget_exceeded: false, ...toRecommendationView(stored) };
  }
}

function budgetExceeded(actionToken: string, outcome: RecommendationType): RealtimeAnswerView {
  return { action_token: actionToken, recommendation: { type: outcome }, budget_exceeded: true };
}
