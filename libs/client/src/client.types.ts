/** The camelCase types of the client API; `wire.types.ts` contains their snake_case wire forms. */

export type AttributeValue = string | number | boolean | null;

/** Flat map of scalars. Keys must match ^[A-Za-z_][A-Za-z0-9_-]{0,63}$. */
export type AttributeMap = Record<string, AttributeValue>;

export type RecommendationType = 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY';
export type ActionResult = 'success' | 'failure' | 'incomplete';

/** Connection settings shared by both clients. */
export interface ConnectionOptions {
  /** Gateway root, for example http://127.0.0.1:8080. */
  baseUrl: string;
  /** Per-request timeout in milliseconds, 10000 by default. */
  timeoutMs?: number;
}

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresInSeconds: number;
}

/** A started device session as the gateway returned it. */
export interface DeviceSession {
  sessionToken: string;
  sessionId: string;
  deviceId: string;
  expiresInSeconds: number;
}

export interface TelemetryEvent {
  type: string;
  /** The device's clock in epoch milliseconds. */
  deviceTime?: number;
  attributes?: AttributeMap;
}

export interface TelemetryReceipt {
  accepted: number;
}

/** Optional fields of an action event, sent by the SDK or the backend. */
export interface ActionOptions {
  correlationId?: string;
  claimedUserId?: string;
  claimedUserIdType?: string;
  customAttributes?: AttributeMap;
}

/** An action event reported by the backend on behalf of a device session. */
export interface BackendActionRequest extends ActionOptions {
  sessionToken: string;
  actionType: string;
  /** The authenticated user, when the backend has already authenticated the actor. */
  userId?: string;
  ipAddress?: string;
  userAgent?: string;
}

export interface ActionToken {
  actionToken: string;
}

export interface Reason {
  code: string;
  weight: number;
  evidence?: Record<string, unknown>;
}

export interface RecommendationContext {
  actionType: string;
  sessionId: string;
  deviceId: string;
  userId?: string;
  ipAddress?: string;
  userAgent?: string;
}

export interface Recommendation {
  id: string;
  issuedAt: string;
  recommendation: { type: RecommendationType };
  /** 0 to 100, higher is riskier. */
  riskScore: number;
  reasons: Reason[];
  context: RecommendationContext;
  /** Every rule that matched, in priority order; the first production hit decided. */
  ruleHits?: Array<{
    ruleId: string;
    version: number;
    mode: 'production' | 'preview';
    recommendation: RecommendationType;
  }>;
  /** True when the tenant was in monitoring mode: the type is then ALLOW. */
  monitoringMode?: boolean;
  /** The engine's recommendation; differs from `recommendation.type` only in monitoring mode. */
  engineRecommendation?: RecommendationType;
}
