import { PinoLogger } from 'nestjs-pino';
import { ShutdownGate } from './shutdown-gate';
import { pendingShutdownSteps, trackShutdownStep } from './shutdown-steps';

function newGate(): ShutdownGate {
  return new ShutdownGate(new PinoLogger({ pinoHttp: { level: 'silent' } }));
}

describe(ShutdownGate.name, () => {
  it('admits requests until the shutdown starts', async () => {
    const gate = newGate();

    const before = gate.admit('/risk-collect/v1/telemetry');
    gate.release();
    await gate.onModuleDestroy();

    expect(before).toBe(true);
    expect(gate.admit('/risk-collect/v1/telemetry')).toBe(false);
    expect(gate.admit('/health/ready')).toBe(false);
  });

  it('keeps serving liveness and metrics while draining', async () => {
    const gate = newGate();

    await gate.onModuleDestroy();

    expect(gate.admit('/health/live')).toBe(true);
    expect(gate.admit('/metrics')).toBe(true);
  });

  it('waits for the requests in progress', async () => {
    const gate = newGate();
    gate.admit('/risk-collect/v1/actions');
    let drained = false;

    const draining = gate.onModuleDestroy().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const drainedBeforeRelease = drained;
    gate.release();
    await draining;

    expect(drainedBeforeRelease).toBe(false);
    expect(drained).toBe(true);
  });
});

describe(trackShutdownStep.name, () => {
  it('lists a step while it runs and forgets it once it settles', async () => {
    let finish: () => void = () => undefined;
    const step = trackShutdownStep(
      'kafka consumer g1',
      () => new Promise<void>((r) => (finish = r)),
    );

    const during = pendingShutdownSteps();
    finish();
    await step;

    expect(during).toEqual(['kafka consumer g1']);
    expect(pendingShutdownSteps()).toEqual([]);
  });

  it('forgets a step that fails', async () => {
    const failing = trackShutdownStep('redis', () => Promise.reject(new Error('closed')));

    await expect(failing).rejects.toThrow('closed');
    expect(pendingShutdownSteps()).toEqual([]);
  });
});
