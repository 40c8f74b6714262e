import {
  Label,
  LabelTarget,
  LabelValue,
  PrecisionReport,
  PrecisionRow,
  ReviewCase,
  ReviewCasePage,
  ReviewCaseQuery,
} from './review.types';
import {
  LabelRequestWire,
  LabelResponseWire,
  PrecisionReportWire,
  PrecisionRowWire,
  ReviewCasePageWire,
  ReviewCaseWire,
} from './review.wire';

export function toLabelRequestWire(
  label: LabelValue,
  target: LabelTarget,
  note?: string,
): LabelRequestWire {
  return {
    label,
    action_token: 'actionToken' in target ? target.actionToken : undefined,
    user_id: 'userId' in target ? target.userId : undefined,
    device_id: 'deviceId' in target ? target.deviceId : undefined,
    ip_address: 'ipAddress' in target ? target.ipAddress : undefined,
    note,
  };
}

export function toLabel(wire: LabelResponseWire): Label {
  return {
    labelId: wire.label_id,
    label: wire.label,
    target: wire.target,
    note: wire.note,
    createdBy: wire.created_by,
    createdAt: wire.created_at,
  };
}

export function toReviewCase(wire: ReviewCaseWire): ReviewCase {
  const { action } = wire;

  return {
    caseId: wire.case_id,
    status: wire.status,
    outcome: wire.outcome,
    riskScore: wire.risk_score,
    reasonCodes: wire.reason_codes,
    previewRuleIds: wire.preview_rule_ids,
    openedFor: wire.opened_for,
    action: {
      actionId: action.action_id,
      actionType: action.action_type,
      sessionId: action.session_id,
      deviceId: action.device_id,
      userId: action.user_id,
      issuedAt: action.issued_at,
    },
    assignee: wire.assignee,
    resolution: wire.resolution,
    label: wire.label,
    resolvedAt: wire.resolved_at,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
  };
}

export function toReviewCasePage(wire: ReviewCasePageWire): ReviewCasePage {
  return { reviewCases: wire.review_cases.map(toReviewCase), nextCursor: wire.next_cursor };
}

/** Returns the query string fields of a review case listing, leaving unset filters out. */
export function toReviewCaseQueryWire(query: ReviewCaseQuery): Record<string, string> {
  const fields: Record<string, string | number | undefined> = {
    status: query.status,
    outcome: query.outcome,
    reason_code: query.reasonCode,
    assignee: query.assignee,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: query.cursor,
  };

  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

export function toPrecisionReport(wire: PrecisionReportWire): PrecisionReport {
  const rows = (table: Record<string, PrecisionRowWire>) =>
    Object.fromEntries(Object.entries(table).map(([key, row]) => [key, toPrecisionRow(row)]));

  return {
    labelledActions: wire.labelled_actions,
    reasons: rows(wire.reasons),
    rules: rows(wire.rules),
  };
}

function toPrecisionRow(wire: PrecisionRowWire): PrecisionRow {
  return {
    labelledActions: wire.labelled_actions,
    fraudLabels: wire.fraud_labels,
    confirmedFraudLabels: wire.confirmed_fraud_labels,
    precision: wire.precision,
  };
}
