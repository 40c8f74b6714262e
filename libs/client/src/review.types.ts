import { RecommendationType } from './client.types';

export type LabelValue = 'confirmed_fraud' | 'suspected_fraud' | 'confirmed_legit' | 'undetermined';

/** Target of a label, with exactly one field set. */
export type LabelTarget =
  { actionToken: string } | { userId: string } | { deviceId: string } | { ipAddress: string };

export interface Label {
  labelId: string;
  label: LabelValue;
  target: { type: 'action' | 'user' | 'device' | 'ip'; id: string };
  note?: string;
  createdBy: string;
  createdAt: string;
}

export type ReviewCaseStatus = 'open' | 'assigned' | 'resolved';

export interface ReviewCase {
  caseId: string;
  status: ReviewCaseStatus;
  outcome: RecommendationType;
  riskScore: number;
  reasonCodes: string[];
  previewRuleIds: string[];
  openedFor: string[];
  action: {
    actionId: string;
    actionType: string;
    sessionId: string;
    deviceId: string;
    userId?: string;
    issuedAt: string;
  };
  assignee?: string;
  resolution?: string;
  label?: LabelValue;
  resolvedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** Filters of `listReviewCases`; times are ISO 8601. */
export interface ReviewCaseQuery {
  status?: ReviewCaseStatus;
  outcome?: RecommendationType;
  reasonCode?: string;
  assignee?: string;
  from?: string;
  to?: string;
  /** 1 to 100, 50 by default. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ReviewCasePage {
  reviewCases: ReviewCase[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PrecisionRow {
  labelledActions: number;
  fraudLabels: number;
  confirmedFraudLabels: number;
  /** fraudLabels / labelledActions; null without labelled actions. */
  precision: number | null;
}

export interface PrecisionReport {
  labelledActions: number;
  reasons: Record<string, PrecisionRow>;
  rules: Record<string, PrecisionRow>;
}
