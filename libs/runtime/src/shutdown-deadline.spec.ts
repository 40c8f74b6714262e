import { trackShutdownStep } from '@vigil/observability';
import { armShutdownDeadline } from './shutdown-deadline';

describe(armShutdownDeadline.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('exits with 1 and logs the steps still pending after the timeout', async () => {
    const exit = jest.fn();
    const log = jest.fn();
    void trackShutdownStep('kafka consumer vigil-session/vigil.session-activity.recorded.v1', () => new Promise(() => {}));

    const timer = armShutdownDeadline(1_000, log, exit);
    jest.advanceTimersByTime(999);
    const exitedEarly = exit.mock.calls.length;
    jest.advanceTimersByTime(1);
    clearTimeout(timer);

    expect(exitedEarly).toBe(0);
    expect(exit).toHaveBeenCalledWith(1);
    expect(log.mock.calls[0][0].pending_steps).toEqual(['kafka consumer vigil-session/vigil.session-activity.recorded.v1']);
    expect(log.mock.calls[0][1]).toBe('shutdown timed out; exiting with open resources');
  });
});
