import { setTimeout as sleep } from 'node:timers/promises';
import { AccessTokenCache, DEFAULT_REFRESH_MARGIN_MS } from './access-token.cache';
import {
  AccessToken,
  ActionResult,
  ActionToken,
  BackendActionRequest,
  ConnectionOptions,
  Recommendation,
} from './client.types';
import { ApiRequest, ApiResponse, HttpTransport } from './http.transport';
import {
  toRealtimeAnswer,
  toRiskSettings,
  toRiskSettingsWire,
  toRule,
  toRuleRequestWire,
  toRuleVersion,
} from './rule.mapping';
import { RealtimeAnswer, RiskSettings, Rule, RuleInput, RuleVersion } from './rule.types';
import {
  RealtimeAnswerWire,
  RiskSettingsWire,
  RuleListResponseWire,
  RuleResponseWire,
  RuleVersionListResponseWire,
} from './rule.wire';
import {
  toLabel,
  toLabelRequestWire,
  toPrecisionReport,
  toReviewCase,
  toReviewCasePage,
  toReviewCaseQueryWire,
} from './review.mapping';
import {
  Label,
  LabelTarget,
  LabelValue,
  PrecisionReport,
  ReviewCase,
  ReviewCasePage,
  ReviewCaseQuery,
} from './review.types';
import {
  AssignRequestWire,
  LabelResponseWire,
  PrecisionReportWire,
  ResolveRequestWire,
  ReviewCasePageWire,
  ReviewCaseWire,
} from './review.wire';
import { isRecommendationPending, VigilApiError } from './vigil-api.error';
import { toAccessToken, toBackendActionWire, toRecommendation } from './wire.mapping';
import {
  ActionResultRequestWire,
  ActionTokenResponseWire,
  ClearUserRequestWire,
  RecommendationResponseWire,
  SetUserRequestWire,
  TokenRequestWire,
  TokenResponseWire,
} from './wire.types';

const RISK_PATH = '/risk/v1';
const RULES_PATH = `${RISK_PATH}/rules`;
const SETTINGS_PATH = `${RISK_PATH}/settings/risk`;

export interface BackendClientOptions extends ConnectionOptions {
  clientId: string;
  clientSecret: string;
  /** How long before expiry the access token is replaced: 60000 ms by default, at most half its lifetime. */
  tokenRefreshMarginMs?: number;
  /** First and maximum pause between polls for a pending recommendation, 50 and 1000 ms by default. */
  pollDelayMs?: { initial: number; max: number };
}

export interface GetRecommendationOptions {
  /** How long to poll while the recommendation is pending, 0 (no polling) by default. */
  waitMs?: number;
  /**
   * Milliseconds each request lets the gateway wait for a pending recommendation (`wait_ms`,
   * 0-5000), so it arrives as soon as it is stored instead of at the next poll. Unset by default.
   */
  serverWaitMs?: number;
}

export interface TriggerActionOptions {
  /** Waits for the recommendation within the tenant's real-time budget. */
  getRecommendation: true;
}

/**
 * Calls the backend API with client credentials: it fetches an access token from /oidc/token,
 * caches it until shortly before expiry and, when a call returns 401, fetches a new token and
 * repeats that call once.
 */
export class VigilBackendClient {
  private readonly transport: HttpTransport;
  private readonly tokens: AccessTokenCache;
  private readonly pollDelayMs: { initial: number; max: number };

  constructor(private readonly options: BackendClientOptions) {
    this.transport = new HttpTransport(options.baseUrl, options.timeoutMs);
    const marginMs = options.tokenRefreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.tokens = new AccessTokenCache(() => this.fetchAccessToken(), marginMs);
    this.pollDelayMs = options.pollDelayMs ?? { initial: 50, max: 1000 };
  }

  /**
   * Reports an action event on behalf of a device session and returns its action token. With
   * `getRecommendation`, it also returns the recommendation, or `budgetExceeded` with the
   * tenant's fallback outcome when the tenant's real-time budget ran out first.
   */
  async triggerAction(request: BackendActionRequest): Promise<ActionToken>;
  async triggerAction(
    request: BackendActionRequest,
    options: TriggerActionOptions,
  ): Promise<RealtimeAnswer>;
  async triggerAction(
    request: BackendActionRequest,
    options?: TriggerActionOptions,
  ): Promise<ActionToken | RealtimeAnswer> {
    const response = await this.authorized<ActionTokenResponseWire | RealtimeAnswerWire>({
      method: 'POST',
      path: `${RISK_PATH}/action/trigger-action`,
      query: options?.getRecommendation ? { get_recommendation: 'true' } : undefined,
      body: toBackendActionWire(request),
    });
    if (options?.getRecommendation) {
      return toRealtimeAnswer(response.body as RealtimeAnswerWire);
    }

    return { actionToken: response.body.action_token };
  }

  /**
   * Fetches the recommendation for `actionToken`. While the gateway returns 404
   * recommendation_pending and `waitMs` has not passed, it polls again after a doubling pause of at
   * least the Retry-After header. Once `waitMs` has passed, it throws the pending error.
   */
  async getRecommendation(
    actionToken: string,
    options: GetRecommendationOptions = {},
  ): Promise<Recommendation> {
    const deadlineMs = Date.now() + (options.waitMs ?? 0);
    let delayMs = this.pollDelayMs.initial;
    for (;;) {
      try {
        return await this.fetchRecommendation(actionToken, options.serverWaitMs);
      } catch (error) {
        const remainingMs = deadlineMs - Date.now();
        if (!isRecommendationPending(error) || remainingMs <= 0) {
          throw error;
        }
        await sleep(Math.min(Math.max(delayMs, error.retryAfterMs ?? 0), remainingMs));
        delayMs = Math.min(delayMs * 2, this.pollDelayMs.max);
      }
    }
  }

  /** Reports how the action ended. A successful login with `userId` sets the session's user. */
  async reportActionResult(
    actionToken: string,
    result: ActionResult,
    userId?: string,
  ): Promise<void> {
    const body: ActionResultRequestWire = { action_token: actionToken, result, user_id: userId };
    await this.authorized({ method: 'POST', path: `${RISK_PATH}/action/result`, body });
  }

  /** Sets the user of the device session that `sessionToken` belongs to. */
  async setUser(sessionToken: string, userId: string): Promise<void> {
    const body: SetUserRequestWire = { session_token: sessionToken, user_id: userId };
    await this.authorized({ method: 'POST', path: `${RISK_PATH}/session/user`, body });
  }

  /** Clears the user of the device session that `sessionToken` belongs to. */
  async clearUser(sessionToken: string): Promise<void> {
    const body: ClearUserRequestWire = { session_token: sessionToken };
    await this.authorized({ method: 'POST', path: `${RISK_PATH}/session/user/clear`, body });
  }

  /** Creates a rule; it applies to the actions scored after the call returns. */
  async createRule(input: RuleInput): Promise<Rule> {
    const body = toRuleRequestWire(input);
    const response = await this.authorized<RuleResponseWire>({
      method: 'POST',
      path: RULES_PATH,
      body,
    });

    return toRule(response.body);
  }

  /** Lists the tenant's rules in evaluation order. */
  async listRules(): Promise<Rule[]> {
    const response = await this.authorized<RuleListResponseWire>({
      method: 'GET',
      path: RULES_PATH,
    });

    return response.body.rules.map(toRule);
  }

  async getRule(ruleId: string): Promise<Rule> {
    const path = `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
    const response = await this.authorized<RuleResponseWire>({ method: 'GET', path });

    return toRule(response.body);
  }

  /** Replaces a rule; the gateway stores it as the rule's next version. */
  async updateRule(ruleId: string, input: RuleInput): Promise<Rule> {
    const path = `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
    const body = toRuleRequestWire(input);
    const response = await this.authorized<RuleResponseWire>({ method: 'PUT', path, body });

    return toRule(response.body);
  }

  /** Deletes a rule; its versions stay readable with `listRuleVersions`. */
  async deleteRule(ruleId: string): Promise<void> {
    const path = `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
    await this.authorized({ method: 'DELETE', path });
  }

  /** Lists every version of a rule, oldest first. */
  async listRuleVersions(ruleId: string): Promise<RuleVersion[]> {
    const path = `${RULES_PATH}/${encodeURIComponent(ruleId)}/versions`;
    const response = await this.authorized<RuleVersionListResponseWire>({ method: 'GET', path });

    return response.body.versions.map(toRuleVersion);
  }

  async getRiskSettings(): Promise<RiskSettings> {
    const response = await this.authorized<RiskSettingsWire>({
      method: 'GET',
      path: SETTINGS_PATH,
    });

    return toRiskSettings(response.body);
  }

  /** Replaces the tenant's risk settings; fields left out take their defaults. */
  async putRiskSettings(settings: Partial<RiskSettings>): Promise<RiskSettings> {
    const body = toRiskSettingsWire(settings);
    const response = await this.authorized<RiskSettingsWire>({
      method: 'PUT',
      path: SETTINGS_PATH,
      body,
    });

    return toRiskSettings(response.body);
  }

  /**
   * Labels an action, a user, a device or an IP. A label on a device, user or IP is seen by the
   * next action of that target.
   */
  async label(label: LabelValue, target: LabelTarget, note?: string): Promise<Label> {
    const body = toLabelRequestWire(label, target, note);
    const response = await this.authorized<LabelResponseWire>({
      method: 'POST',
      path: `${RISK_PATH}/label`,
      body,
    });

    return toLabel(response.body);
  }

  /** Lists review cases newest first; pass `nextCursor` as `cursor` for the next page. */
  async listReviewCases(query: ReviewCaseQuery = {}): Promise<ReviewCasePage> {
    const response = await this.authorized<ReviewCasePageWire>({
      method: 'GET',
      path: `${RISK_PATH}/review-cases`,
      query: toReviewCaseQueryWire(query),
    });

    return toReviewCasePage(response.body);
  }

  /** Fetches one review case; its id is the action id. */
  async getReviewCase(caseId: string): Promise<ReviewCase> {
    const path = `${RISK_PATH}/review-cases/${encodeURIComponent(caseId)}`;
    const response = await this.authorized<ReviewCaseWire>({ method: 'GET', path });

    return toReviewCase(response.body);
  }

  /** Assigns the review case of the action behind `actionToken` to an analyst. */
  async assignReviewCase(actionToken: string, assignee: string): Promise<ReviewCase> {
    const body: AssignRequestWire = { action_token: actionToken, assignee };
    const response = await this.authorized<ReviewCaseWire>({
      method: 'PUT',
      path: `${RISK_PATH}/action/assignee`,
      body,
    });

    return toReviewCase(response.body);
  }

  /** Resolves a review case; with `label`, also labels the case action. */
  async resolveReviewCase(
    caseId: string,
    resolution: string,
    label?: LabelValue,
  ): Promise<ReviewCase> {
    const body: ResolveRequestWire = { resolution, label };
    const response = await this.authorized<ReviewCaseWire>({
      method: 'POST',
      path: `${RISK_PATH}/review-cases/${encodeURIComponent(caseId)}/resolve`,
      body,
    });

    return toReviewCase(response.body);
  }

  /** Fetches each reason code's and rule's precision on labelled actions, optionally by time. */
  async getPrecisionReport(range: { from?: string; to?: string } = {}): Promise<PrecisionReport> {
    const query = Object.fromEntries(
      Object.entries(range).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const response = await this.authorized<PrecisionReportWire>({
      method: 'GET',
      path: `${RISK_PATH}/reports/precision`,
      query,
    });

    return toPrecisionReport(response.body);
  }

  private async fetchRecommendation(
    actionToken: string,
    serverWaitMs?: number,
  ): Promise<Recommendation> {
    const query: Record<string, string> = { action_token: actionToken };
    if (serverWaitMs !== undefined) {
      query.wait_ms = String(serverWaitMs);
    }
    const response = await this.authorized<RecommendationResponseWire>({
      method: 'GET',
      path: `${RISK_PATH}/recommendation`,
      query,
    });

    return toRecommendation(response.body);
  }

  // Any 401 gets one retry with a new token, because the gateway may report an expired or revoked
  // access token with the same codes it uses for session and action tokens.
  private async authorized<T>(request: ApiRequest): Promise<ApiResponse<T>> {
    const token = await this.tokens.get();
    try {
      return await this.transport.send<T>(withBearer(request, token));
    } catch (error) {
      if (!(error instanceof VigilApiError) || error.status !== 401) {
        throw error;
      }
      this.tokens.invalidate(token);
      const freshToken = await this.tokens.get();

      return this.transport.send<T>(withBearer(request, freshToken));
    }
  }

  private async fetchAccessToken(): Promise<AccessToken> {
    const body: TokenRequestWire = {
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    };
    const response = await this.transport.send<TokenResponseWire>({
      method: 'POST',
      path: '/oidc/token',
      body,
    });

    return toAccessToken(response.body);
  }
}

function withBearer(request: ApiRequest, token: string): ApiRequest {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}
