import { interactionCounters, KEY_INTERVAL_KEY, numberAttribute } from '../device-attributes';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/**
 * NO_INTERACTION_BEFORE_ACTION: an SDK action whose session reported interaction counters, all
 * of them 0, so no pointer, touch, key or scroll happened before it. Sessions whose SDK sent no
 * counters, and backend actions, are skipped.
 */
export function noInteractionBeforeActionSignal(context: SignalContext): RiskSignal | undefined {
  if (context.input.action.source !== 'sdk') {
    return undefined;
  }
  const counters = interactionCounters(context.input.session.device_attributes);
  const values = Object.values(counters);
  if (values.length === 0 || values.some((value) => value > 0)) {
    return undefined;
  }

  return riskSignal(
    'NO_INTERACTION_BEFORE_ACTION',
    context.config.noInteractionBeforeAction.weight,
    { interaction_counters: counters },
  );
}

/** PASTE_WITHOUT_TYPING: text was pasted and not one key was pressed. */
export function pasteWithoutTypingSignal(context: SignalContext): RiskSignal | undefined {
  const counters = interactionCounters(context.input.session.device_attributes);
  if ((counters.paste_count ?? 0) < 1 || counters.keys !== 0) {
    return undefined;
  }

  return riskSignal('PASTE_WITHOUT_TYPING', context.config.pasteWithoutTyping.weight, {
    paste_count: counters.paste_count,
    keys: counters.keys,
  });
}

/** FAST_TYPING: the mean interval between key presses is shorter than people type. */
export function fastTypingSignal(context: SignalContext): RiskSignal | undefined {
  const { weight, maxMeanIntervalMs } = context.config.fastTyping;
  const meanIntervalMs = numberAttribute(context.input.session.device_attributes, KEY_INTERVAL_KEY);
  if (meanIntervalMs === undefined || meanIntervalMs >= maxMeanIntervalMs) {
    return undefined;
  }

  return riskSignal('FAST_TYPING', weight, {
    key_interval_mean_ms: meanIntervalMs,
    max_mean_interval_ms: maxMeanIntervalMs,
  });
}
