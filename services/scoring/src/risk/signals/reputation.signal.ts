import { LabelTarget } from '../action-history';
import { LabelWeights } from '../signal-config';
import { riskSignal, RiskSignal, RiskSignalCode, SignalContext } from '../risk-signal';

/** DEVICE_LABELLED_FRAUD: the latest label on the device is a fraud label. */
export function deviceLabelledFraudSignal(context: SignalContext): RiskSignal | undefined {
  const weights = context.config.deviceLabelledFraud;

  return labelSignal(context, 'device', 'DEVICE_LABELLED_FRAUD', weights);
}

/** USER_LABELLED_FRAUD: the latest label on the user says fraud. */
export function userLabelledFraudSignal(context: SignalContext): RiskSignal | undefined {
  return labelSignal(context, 'user', 'USER_LABELLED_FRAUD', context.config.userLabelledFraud);
}

/** IP_LABELLED_FRAUD: the latest label on the client IP is a fraud label. */
export function ipLabelledFraudSignal(context: SignalContext): RiskSignal | undefined {
  return labelSignal(context, 'ip', 'IP_LABELLED_FRAUD', context.config.ipLabelledFraud);
}

/** A later `confirmed_legit` or `undetermined` label replaces a fraud label and clears it. */
function labelSignal(
  context: SignalContext,
  target: LabelTarget,
  code: RiskSignalCode,
  weights: LabelWeights,
): RiskSignal | undefined {
  const label = context.history.labels?.[target];
  if (label?.label !== 'confirmed_fraud' && label?.label !== 'suspected_fraud') {
    return undefined;
  }
  const weight =
    label.label === 'confirmed_fraud' ? weights.confirmedFraud : weights.suspectedFraud;

  return riskSignal(code, weight, {
    target,
    label: label.label,
    label_id: label.label_id,
    labelled_at: label.labelled_at,
  });
}
