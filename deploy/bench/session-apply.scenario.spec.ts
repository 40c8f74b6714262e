import { drainingSeconds } from './session-apply.scenario';

describe('drainingSeconds', () => {
  it('counts from the last full sample to zero lag', () => {
    const samples: [number, number][] = [
      [0, 1000],
      [250, 1000],
      [500, 600],
      [750, 0],
    ];

    expect(drainingSeconds(samples, 1000)).toBe(0.5);
  });

  it('counts from readiness when the lag dropped before the first sample', () => {
    expect(
      drainingSeconds(
        [
          [200, 400],
          [400, 0],
        ],
        1000,
      ),
    ).toBe(0.4);
  });

  it('returns NaN when the lag never reached zero', () => {
    expect(
      drainingSeconds(
        [
          [0, 1000],
          [250, 10],
        ],
        1000,
      ),
    ).toBeNaN();
  });
});
