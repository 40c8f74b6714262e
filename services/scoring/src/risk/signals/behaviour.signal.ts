import { AttributeMap } from '@vigil/contracts';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/**
 * Custom attributes that the browser SDK adds to each action event: counts of the trusted input
 * events since the page loaded. The SDK sends them with the action, and not only as telemetry,
 * because telemetry and actions travel on different topics and an action may be scored before
 * the telemetry sent just before it is stored.
 */
export const SDK_INPUT_COUNT_ATTRIBUTES = [
  'vigil_pointer_moves',
  'vigil_clicks',
  'vigil_key_presses',
  'vigil_touches',
] as const;

/**
 * NO_INTERACTION_BEFORE_ACTION: an SDK action whose page saw no pointer movement, click, key
 * press or touch before it, as when a program fills in and submits a form. It is raised only
 * when the SDK's input counts are present, so actions from other clients are not judged.
 */
export function noInteractionBeforeActionSignal(context: SignalContext): RiskSignal | undefined {
  const { action } = context.input;
  const counts = readInputCounts(action.custom_attributes);
  if (action.source !== 'sdk' || counts === undefined) {
    return undefined;
  }
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  if (total > 0) {
    return undefined;
  }
  const pageAge = action.custom_attributes?.vigil_page_age_ms;

  return riskSignal(
    'NO_INTERACTION_BEFORE_ACTION',
    context.config.noInteractionBeforeAction.weight,
    {
      ...counts,
      page_age_ms: typeof pageAge === 'number' ? pageAge : null,
    },
  );
}

function readInputCounts(attributes: AttributeMap | undefined): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const key of SDK_INPUT_COUNT_ATTRIBUTES) {
    const value = attributes?.[key];
    if (typeof value !== 'number') {
      return undefined;
    }
    counts[key.replace('vigil_', '')] = value;
  }

  return counts;
}
