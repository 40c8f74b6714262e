import { InteractionStats } from './interaction-stats';

describe('InteractionStats', () => {
  it('reports zero input before any event', () => {
    const stats = new InteractionStats(1_000);
    const attributes = stats.toAttributes(3_500);

    expect(stats.inputEvents).toBe(0);
    expect(attributes.interaction_pointer_moves).toBe(0);
    expect(attributes.interaction_key_interval_mean_ms).toBeNull();
    expect(attributes.interaction_first_input_ms).toBeNull();
    expect(attributes.interaction_page_age_ms).toBe(2_500);
  });

  it('sums pointer distance between moves', () => {
    const stats = new InteractionStats(0);
    stats.recordPointerMove(10, 0, 0);
    stats.recordPointerMove(20, 3, 4);
    stats.recordPointerMove(30, 3, 14);
    const attributes = stats.toAttributes(100);

    expect(attributes.interaction_pointer_moves).toBe(3);
    expect(attributes.interaction_pointer_distance_px).toBe(15);
    expect(attributes.interaction_first_input_ms).toBe(10);
  });

  it('reports mean and deviation of key intervals', () => {
    const stats = new InteractionStats(0);
    [100, 200, 400].forEach((at) => stats.recordKeyPress(at));
    const attributes = stats.toAttributes(500);

    expect(attributes.interaction_key_presses).toBe(3);
    expect(attributes.interaction_key_interval_mean_ms).toBe(150);
    expect(attributes.interaction_key_interval_stdev_ms).toBe(50);
  });

  it('counts pastes and focus changes apart from input events', () => {
    const stats = new InteractionStats(0);
    stats.record('paste', 5);
    stats.record('focus_change', 6);
    stats.record('click', 7);

    expect(stats.inputEvents).toBe(1);
    expect(stats.totalEvents).toBe(3);
    expect(stats.toAttributes(10, 'vigil_').vigil_pastes).toBe(1);
  });
});
