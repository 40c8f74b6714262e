/**
 * Request and response bodies exactly as the gateway's HTTP API sends and receives them, in
 * snake_case. The client maps them to the camelCase types of `client.types.ts`.
 */

export type WireAttributeValue = string | number | boolean | null;
export type WireAttributeMap = Record<string, WireAttributeValue>;

/** Body of every 4xx and 5xx response. */
export interface ApiErrorBodyWire {
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}

/** POST /oidc/token */
export interface TokenRequestWire {
  grant_type: 'client_credentials';
  client_id: string;
  client_secret: string;
}

export interface TokenResponseWire {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/** POST /risk-collect/v1/sessions */
export interface StartSessionRequestWire {
  client_id: string;
  device_id?: string;
}

export interface StartSessionResponseWire {
  session_token: string;
  session_id: string;
  device_id: string;
  expires_in: number;
}

export interface TelemetryEventWire {
  type: string;
  device_time?: number;
  attributes?: WireAttributeMap;
}

/** POST /risk-collect/v1/telemetry */
export interface SendTelemetryRequestWire {
  session_token: string;
  events: TelemetryEventWire[];
}

export interface SendTelemetryResponseWire {
  accepted: number;
}

/** POST /risk-collect/v1/actions */
export interface SdkTriggerActionRequestWire {
  session_token: string;
  action_type: string;
  correlation_id?: string;
  claimed_user_id?: string;
  claimed_user_id_type?: string;
  custom_attributes?: WireAttributeMap;
}

/** POST /risk/v1/action/trigger-action */
export interface BackendTriggerActionRequestWire extends SdkTriggerActionRequestWire {
  user_id?: string;
  ip_address?: string;
  user_agent?: string;
}

export interface ActionTokenResponseWire {
  action_token: string;
}

/** POST /risk-collect/v1/user and POST /risk/v1/session/user */
export interface SetUserRequestWire {
  session_token: string;
  user_id: string;
}

/** POST /risk-collect/v1/user/clear and POST /risk/v1/session/user/clear */
export interface ClearUserRequestWire {
  session_token: string;
}

/** POST /risk/v1/action/result */
export interface ActionResultRequestWire {
  action_token: string;
  result: 'success' | 'failure' | 'incomplete';
  user_id?: string;
}

export interface ReasonWire {
  code: string;
  weight: number;
  evidence?: Record<string, unknown>;
}

/** GET /risk/v1/recommendation?action_token=... */
export interface RecommendationResponseWire {
  id: string;
  issued_at: string;
  recommendation: { type: 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY' };
  risk_score: number;
  reasons: ReasonWire[];
  context: {
    action_type: string;
    session_id: string;
    device_id: string;
    user_id?: string;
    ip_address?: string;
    user_agent?: string;
  };
  rule_hits?: Array<{
    rule_id: string;
    version: number;
    mode: 'production' | 'preview';
    recommendation: 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY';
  }>;
  monitoring_mode?: boolean;
  engine_recommendation?: 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY';
}
