import { typingStatisticsOf } from '../device-attributes';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/**
 * PASTE_WITHOUT_TYPING: text was pasted on the page and not one key was pressed, as when a
 * script or a person with a list of stolen credentials fills a form. Password managers also
 * paste, so the weight stays low.
 */
export function pasteWithoutTypingSignal(context: SignalContext): RiskSignal | undefined {
  const typing = typingStatisticsOf(context.input);
  if (!typing || (typing.pastes ?? 0) < 1 || typing.key_presses !== 0) {
    return undefined;
  }

  return riskSignal('PASTE_WITHOUT_TYPING', context.config.pasteWithoutTyping.weight, {
    source: typing.source,
    pastes: typing.pastes,
    key_presses: typing.key_presses,
  });
}

/**
 * ROBOTIC_TYPING: key presses came faster, or at more even intervals, than people type, as
 * when a program sends them.
 */
export function roboticTypingSignal(context: SignalContext): RiskSignal | undefined {
  const limits = context.config.roboticTyping;
  const typing = typingStatisticsOf(context.input);
  if (!typing || (typing.key_presses ?? 0) < limits.minKeyPresses) {
    return undefined;
  }
  const tooFast =
    typing.key_interval_mean_ms !== undefined &&
    typing.key_interval_mean_ms < limits.maxMeanIntervalMs;
  const tooEven =
    typing.key_interval_stdev_ms !== undefined &&
    typing.key_interval_stdev_ms < limits.maxIntervalStdevMs;
  if (!tooFast && !tooEven) {
    return undefined;
  }

  return riskSignal('ROBOTIC_TYPING', limits.weight, {
    source: typing.source,
    key_presses: typing.key_presses,
    key_interval_mean_ms: typing.key_interval_mean_ms ?? null,
    key_interval_stdev_ms: typing.key_interval_stdev_ms ?? null,
    too_fast: tooFast,
    too_even: tooEven,
  });
}
