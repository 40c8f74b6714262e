import path from 'node:path';
import { planRbaReplay } from './replay.plan';
import { PLACEHOLDER_CLAIMED_USER_ID } from './user-device.rule';

const DATA_DIRECTORY = path.resolve(__dirname, '../..', '../shared/data');

describe(planRbaReplay.name, () => {
  const plan = planRbaReplay(DATA_DIRECTORY);
  const bots = plan.devices.filter((device) => device.source === 'bot');
  const botAttempts = plan.attempts.filter((attempt) => attempt.source === 'bot');

  it('plans RBA devices plus 60 bots', () => {
    expect(plan.devices).toHaveLength(1458 + 60);
    expect(bots).toHaveLength(60);
    expect(botAttempts).toHaveLength(235);
    expect(plan.assignment.users).toBe(929);
  });

  it('orders all attempts by time', () => {
    const times = plan.attempts.map((attempt) => attempt.timeMs);

    expect(plan.attempts).toHaveLength(2000 + botAttempts.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps each device in its own order', () => {
    for (const device of plan.devices) {
      const ordered = plan.attempts.filter((attempt) => attempt.deviceKey === device.key);
      expect(ordered).toEqual(device.attempts);
    }
  });

  it('aims bots at RBA users, never the placeholder', () => {
    const rbaUsers = new Set(
      plan.attempts.filter((a) => a.source === 'rba').map((attempt) => attempt.claimedUserId),
    );

    for (const attempt of botAttempts) {
      expect(rbaUsers.has(attempt.claimedUserId)).toBe(true);
      expect(attempt.claimedUserId).not.toBe(PLACEHOLDER_CLAIMED_USER_ID);
    }
  });

  it('is the same on every run', () => {
    expect(planRbaReplay(DATA_DIRECTORY).attempts).toEqual(plan.attempts);
  });
});
