import { defaultIpReputationDirectory, IpReputation } from '../ip-reputation';
import { DEFAULT_RISK_SIGNAL_CONFIG } from '../risk-config';
import { buildSignalContext } from '../signals';
import { actionInput, historyOf } from '../testing/risk-builders';
import { noInteractionBeforeActionSignal } from './behaviour.signal';
import { automationMarkersSignal } from './user-agent.signal';

const NO_INPUT = {
  vigil_pointer_moves: 0,
  vigil_clicks: 0,
  vigil_key_presses: 0,
  vigil_touches: 0,
  vigil_page_age_ms: 412,
};

describe('behaviour and bot-detection signals', () => {
  let ipReputation: IpReputation;

  beforeAll(() => {
    ipReputation = IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  });

  function contextOf(input: ReturnType<typeof actionInput>) {
    return buildSignalContext(input, historyOf(), ipReputation, DEFAULT_RISK_SIGNAL_CONFIG);
  }

  it('raises NO_INTERACTION_BEFORE_ACTION without any input', () => {
    const input = actionInput({ action: { custom_attributes: NO_INPUT } });
    const signal = noInteractionBeforeActionSignal(contextOf(input));

    expect(signal).toEqual({
      code: 'NO_INTERACTION_BEFORE_ACTION',
      weight: 30,
      evidence: { pointer_moves: 0, clicks: 0, key_presses: 0, touches: 0, page_age_ms: 412 },
    });
  });

  it('stays quiet after a single key press', () => {
    const attributes = { ...NO_INPUT, vigil_key_presses: 1 };
    const input = actionInput({ action: { custom_attributes: attributes } });

    expect(noInteractionBeforeActionSignal(contextOf(input))).toBeUndefined();
  });

  it('stays quiet without the SDK input counts', () => {
    const input = actionInput({ action: { custom_attributes: { amount: 12 } } });

    expect(noInteractionBeforeActionSignal(contextOf(input))).toBeUndefined();
  });

  it('stays quiet for a backend action', () => {
    const input = actionInput({ action: { source: 'backend', custom_attributes: NO_INPUT } });

    expect(noInteractionBeforeActionSignal(contextOf(input))).toBeUndefined();
  });

  it('is off with weight 0', () => {
    const input = actionInput({ action: { custom_attributes: NO_INPUT } });
    const config = { ...DEFAULT_RISK_SIGNAL_CONFIG, noInteractionBeforeAction: { weight: 0 } };
    const context = buildSignalContext(input, historyOf(), ipReputation, config);

    expect(noInteractionBeforeActionSignal(context)).toBeUndefined();
  });

  it('reads the BotD verdict as an automation marker', () => {
    const input = actionInput({
      session: { device_attributes: { bot_detected: true, bot_kind: 'headless_chrome' } },
    });
    const signal = automationMarkersSignal(contextOf(input));

    expect(signal?.code).toBe('AUTOMATION_MARKERS');
    expect(signal?.evidence).toEqual({
      markers: [
        {
          marker: 'bot_detected',
          matched: 'bot_kind=headless_chrome',
          found_in: 'device_attributes',
        },
      ],
    });
  });

  it('ignores a BotD verdict of no bot', () => {
    const input = actionInput({ session: { device_attributes: { bot_detected: false } } });

    expect(automationMarkersSignal(contextOf(input))).toBeUndefined();
  });
});
