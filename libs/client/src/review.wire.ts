/** Wire forms of the label, review case and precision calls, as the gateway sends them. */

export type LabelValueWire =
  'confirmed_fraud' | 'suspected_fraud' | 'confirmed_legit' | 'undetermined';

/** POST /risk/v1/label: a label and exactly one target. */
export interface LabelRequestWire {
  label: LabelValueWire;
  action_token?: string;
  user_id?: string;
  device_id?: string;
  ip_address?: string;
  note?: string;
}

export interface LabelResponseWire {
  label_id: string;
  label: LabelValueWire;
  target: { type: 'action' | 'user' | 'device' | 'ip'; id: string };
  note?: string;
  created_by: string;
  created_at: string;
}

/** GET /risk/v1/review-cases/:case_id and the items of GET /risk/v1/review-cases */
export interface ReviewCaseWire {
  case_id: string;
  status: 'open' | 'assigned' | 'resolved';
  outcome: 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY';
  risk_score: number;
  reason_codes: string[];
  preview_rule_ids: string[];
  opened_for: string[];
  action: {
    action_id: string;
    action_type: string;
    session_id: string;
    device_id: string;
    user_id?: string;
    issued_at: string;
  };
  assignee?: string;
  resolution?: string;
  label?: LabelValueWire;
  resolved_at?: string;
  created_at: string;
  updated_at: string;
}

export interface ReviewCasePageWire {
  review_cases: ReviewCaseWire[];
  next_cursor: string | null;
}

/** PUT /risk/v1/action/assignee */
export interface AssignRequestWire {
  action_token: string;
  assignee: string;
}

/** POST /risk/v1/review-cases/:case_id/resolve */
export interface ResolveRequestWire {
  resolution: string;
  label?: LabelValueWire;
}

export interface PrecisionRowWire {
  labelled_actions: number;
  fraud_labels: number;
  confirmed_fraud_labels: number;
  precision: number | null;
}

/** GET /risk/v1/reports/precision */
export interface PrecisionReportWire {
  labelled_actions: number;
  reasons: Record<string, PrecisionRowWire>;
  rules: Record<string, PrecisionRowWire>;
  from: string | null;
  to: string | null;
}
