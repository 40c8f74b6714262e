import { RecommendationType } from './payloads';

/** Lowest risk scores that lead to CHALLENGE and to DENY. */
export interface RiskThresholds {
  challenge: number;
  deny: number;
}

/** A tenant's decision settings, stored on its tenant document under `risk_settings`. */
export interface RiskSettings {
  thresholds: RiskThresholds;
  /** Highest risk score that may still get TRUST, for a user on a device where they acted before. */
  trust_max_score: number;
  /** Milliseconds that trigger-action?get_recommendation=true waits for the recommendation. */
  realtime_budget_ms: number;
  /** Recommendation type returned when the real-time budget runs out. */
  budget_exceeded_outcome: RecommendationType;
  /** Scores every action but returns ALLOW to the app, keeping the engine's outcome for review. */
  monitoring_mode: boolean;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  thresholds: { challenge: 50, deny: 80 },
  trust_max_score: 0,
  realtime_budget_ms: 300,
  budget_exceeded_outcome: 'ALLOW',
  monitoring_mode: false,
};

export const REALTIME_BUDGET_MAX_MS = 5_000;

/**
 * Returns the stored settings with a default for every field that is missing, so that a tenant
 * created before the settings existed, or one that set only some of them, gets complete settings.
 */
export function withDefaultRiskSettings(stored: Partial<RiskSettings> | undefined): RiskSettings {
  return {
    ...DEFAULT_RISK_SETTINGS,
    ...stored,
    thresholds: { ...DEFAULT_RISK_SETTINGS.thresholds, ...stored?.thresholds },
  };
}
