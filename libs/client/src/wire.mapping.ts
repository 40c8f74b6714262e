import {
  AccessToken,
  ActionOptions,
  BackendActionRequest,
  DeviceSession,
  Recommendation,
  TelemetryEvent,
} from './client.types';
import {
  BackendTriggerActionRequestWire,
  RecommendationResponseWire,
  SdkTriggerActionRequestWire,
  StartSessionResponseWire,
  TelemetryEventWire,
  TokenResponseWire,
} from './wire.types';

export function toAccessToken(wire: TokenResponseWire): AccessToken {
  return {
    accessToken: wire.access_token,
    tokenType: wire.token_type,
    expiresInSeconds: wire.expires_in,
  };
}

export function toDeviceSession(wire: StartSessionResponseWire): DeviceSession {
  return {
    sessionToken: wire.session_token,
    sessionId: wire.session_id,
    deviceId: wire.device_id,
    expiresInSeconds: wire.expires_in,
  };
}

export function toTelemetryEventWire(event: TelemetryEvent): TelemetryEventWire {
  return { type: event.type, device_time: event.deviceTime, attributes: event.attributes };
}

export function toSdkActionWire(
  sessionToken: string,
  actionType: string,
  options: ActionOptions,
): SdkTriggerActionRequestWire {
  return {
    session_token: sessionToken,
    action_type: actionType,
    correlation_id: options.correlationId,
    claimed_user_id: options.claimedUserId,
    claimed_user_id_type: options.claimedUserIdType,
    custom_attributes: options.customAttributes,
  };
}

export function toBackendActionWire(
  request: BackendActionRequest,
): BackendTriggerActionRequestWire {
  return {
    ...toSdkActionWire(request.sessionToken, request.actionType, request),
    user_id: request.userId,
    ip_address: request.ipAddress,
    user_agent: request.userAgent,
  };
}

export function toRecommendation(wire: RecommendationResponseWire): Recommendation {
  return {
    id: wire.id,
    issuedAt: wire.issued_at,
    recommendation: { type: wire.recommendation.type },
    riskScore: wire.risk_score,
    reasons: wire.reasons.map((reason) => ({ ...reason })),
    context: {
      actionType: wire.context.action_type,
      sessionId: wire.context.session_id,
      deviceId: wire.context.device_id,
      userId: wire.context.user_id,
      ipAddress: wire.context.ip_address,
      userAgent: wire.context.user_agent,
    },
    ruleHits: wire.rule_hits?.map((hit) => ({
      ruleId: hit.rule_id,
      version: hit.version,
      mode: hit.mode,
      recommendation: hit.recommendation,
    })),
    monitoringMode: wire.monitoring_mode,
    engineRecommendation: wire.engine_recommendation,
  };
}
