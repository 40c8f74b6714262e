import { actionInput } from '../testing/risk-builders';
import { signalOf } from '../testing/signal-context';

describe('PASTE_WITHOUT_TYPING', () => {
  it('raises for pasted credentials with no key press on the action', () => {
    const input = actionInput({
      action: { custom_attributes: { vigil_pastes: 2, vigil_key_presses: 0 } },
    });

    expect(signalOf('PASTE_WITHOUT_TYPING', input)).toEqual({
      code: 'PASTE_WITHOUT_TYPING',
      weight: 10,
      evidence: { source: 'action', pastes: 2, key_presses: 0 },
    });
  });

  it('reads the session telemetry when the action has no statistics', () => {
    const input = actionInput({
      session: { device_attributes: { interaction_pastes: 1, interaction_key_presses: 0 } },
    });

    expect(signalOf('PASTE_WITHOUT_TYPING', input)?.evidence.source).toBe('telemetry');
  });

  it('raises nothing once a key was pressed', () => {
    const input = actionInput({
      action: { custom_attributes: { vigil_pastes: 1, vigil_key_presses: 12 } },
    });

    expect(signalOf('PASTE_WITHOUT_TYPING', input)).toBeUndefined();
  });
});

describe('ROBOTIC_TYPING', () => {
  it('raises for key presses 5 ms apart', () => {
    const input = actionInput({
      action: { custom_attributes: { vigil_key_presses: 30, vigil_key_interval_mean_ms: 5 } },
    });

    expect(signalOf('ROBOTIC_TYPING', input)?.evidence).toMatchObject({
      too_fast: true,
      too_even: false,
      key_interval_mean_ms: 5,
    });
  });

  it('raises for evenly spaced key presses', () => {
    const input = actionInput({
      action: {
        custom_attributes: {
          vigil_key_presses: 30,
          vigil_key_interval_mean_ms: 120,
          vigil_key_interval_stdev_ms: 1,
        },
      },
    });

    expect(signalOf('ROBOTIC_TYPING', input)?.evidence).toMatchObject({ too_even: true });
  });

  it('raises nothing for human typing or too few presses', () => {
    const human = actionInput({
      action: {
        custom_attributes: {
          vigil_key_presses: 30,
          vigil_key_interval_mean_ms: 180,
          vigil_key_interval_stdev_ms: 70,
        },
      },
    });
    const short = actionInput({
      action: { custom_attributes: { vigil_key_presses: 3, vigil_key_interval_mean_ms: 5 } },
    });

    expect(signalOf('ROBOTIC_TYPING', human)).toBeUndefined();
    expect(signalOf('ROBOTIC_TYPING', short)).toBeUndefined();
  });
});
