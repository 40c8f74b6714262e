import { ReviewCase } from '@vigil/persistence';
import { ReviewCaseView } from './review-case.dto';

export function toReviewCaseView(stored: ReviewCase): ReviewCaseView {
  const view: ReviewCaseView = {
    case_id: stored._id,
    status: stored.status,
    outcome: stored.outcome,
    risk_score: stored.risk_score,
    // FerretDB v1 leaves an empty array out of the stored document.
    reason_codes: stored.reason_codes ?? [],
    preview_rule_ids: stored.preview_rule_ids ?? [],
    opened_for: stored.opened_for ?? [],
    action: {
      action_id: stored._id,
      action_type: stored.action_type,
      session_id: stored.session_id,
      device_id: stored.device_id,
      user_id: stored.user_id,
      issued_at: stored.action_issued_at.toISOString(),
    },
    created_at: stored.created_at.toISOString(),
    updated_at: stored.updated_at.toISOString(),
  };
  for (const key of ['assignee', 'resolution', 'label'] as const) {
    if (stored[key] !== undefined) {
      view[key] = stored[key];
    }
  }
  if (stored.resolved_at) {
    view.resolved_at = stored.resolved_at.toISOString();
  }

  return view;
}
