/** An action's latest label joined with what its recommendation contained. */
export interface LabelledAction {
  action_id: string;
  label: string;
  reason_codes: string[];
  rule_ids: string[];
}

/** Precision of one reason code or rule over the labelled actions it appeared on. */
export interface PrecisionRow {
  /** Actions labelled confirmed_fraud, suspected_fraud or confirmed_legit. */
  labelled_actions: number;
  /** Of those, actions labelled confirmed_fraud or suspected_fraud. */
  fraud_labels: number;
  confirmed_fraud_labels: number;
  /** fraud_labels / labelled_actions, rounded to 4 decimals; null without labelled actions. */
  precision: number | null;
}

export interface PrecisionReport {
  labelled_actions: number;
  reasons: Record<string, PrecisionRow>;
  rules: Record<string, PrecisionRow>;
}

const FRAUD_LABELS = new Set(['confirmed_fraud', 'suspected_fraud']);
const DECIDED_LABELS = new Set([...FRAUD_LABELS, 'confirmed_legit']);

/**
 * Counts, for each reason code and each rule id, the labelled actions it appeared on and how
 * many of them were fraud. `undetermined` labels are left out, since they mark neither fraud nor legitimate use.
 */
export function buildPrecisionReport(actions: LabelledAction[]): PrecisionReport {
  const decided = actions.filter((action) => DECIDED_LABELS.has(action.label));
  const reasons = new Map<string, PrecisionRow>();
  const rules = new Map<string, PrecisionRow>();
  for (const action of decided) {
    for (const code of new Set(action.reason_codes)) {
      count(reasons, code, action.label);
    }
    for (const ruleId of new Set(action.rule_ids)) {
      count(rules, ruleId, action.label);
    }
  }

  return {
    labelled_actions: decided.length,
    reasons: Object.fromEntries(sorted(reasons)),
    rules: Object.fromEntries(sorted(rules)),
  };
}

/** Returns each action's latest label, from labels ordered oldest first. */
export function latestLabelByAction(
  labels: Array<{ target_id: string; label: string }>,
): Map<string, string> {
  const latest = new Map<string, string>();
  for (const label of labels) {
    latest.set(label.target_id, label.label);
  }

  return latest;
}

function count(rows: Map<string, PrecisionRow>, key: string, label: string): void {
  const row = rows.get(key) ?? {
    labelled_actions: 0,
    fraud_labels: 0,
    confirmed_fraud_labels: 0,
    precision: null,
  };
  row.labelled_actions += 1;
  row.fraud_labels += FRAUD_LABELS.has(label) ? 1 : 0;
  row.confirmed_fraud_labels += label === 'confirmed_fraud' ? 1 : 0;
  row.precision = Math.round((row.fraud_labels / row.labelled_actions) * 10_000) / 10_000;
  rows.set(key, row);
}

function sorted(rows: Map<string, PrecisionRow>): Array<[string, PrecisionRow]> {
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
}
