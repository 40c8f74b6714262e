import { splitDecision } from './decision.hops';

describe('splitDecision', () => {
  const times = {
    sentMs: 1_000,
    hops: {
      gateway_received_ms: 1_001,
      gateway_published_ms: 1_002,
      session_consumed_ms: 1_010,
      session_published_ms: 1_013,
      scoring_consumed_ms: 1_030,
    },
    issuedMs: 1_036,
    availableMs: 1_045,
  };

  it('splits the latency by hop', () => {
    expect(splitDecision(times)).toEqual({
      gateway: 2,
      kafka_to_session: 8,
      session: 3,
      kafka_to_scoring_and_decide: 17,
      scoring_store_write: 6,
      answer: 9,
    });
  });

  it('segments add up to the total', () => {
    const segments = Object.values(splitDecision(times)!);

    expect(segments.reduce((sum, value) => sum + value, 0)).toBe(45);
  });

  it('returns undefined without a session stamp', () => {
    const hops = { ...times.hops, session_consumed_ms: undefined };

    expect(splitDecision({ ...times, hops })).toBeUndefined();
  });
});
