import path from 'node:path';
import { planRbaReplay } from './replay.plan';
import { AttemptOutcome, StepFailure } from './replay.recorder';
import { summarizeReplay } from './replay-summary';
import { AssignmentCounts, LoginAttempt, ReplayDevice } from './replay.types';

const ASSIGNMENT: AssignmentCounts = {
  rows: 3,
  users: 2,
  devices: 2,
  sessions: 2,
  placeholderRows: 0,
  rowsPerUser: [{ label: '1', count: 1 }],
  usersPerDevice: [{ label: '1', count: 2 }],
};

function attempt(fields: Partial<LoginAttempt>): LoginAttempt {
  return {
    deviceKey: 'phone',
    source: 'rba',
    timeMs: 0,
    correlationId: 'rba-0',
    claimedUserId: 'u1',
    successful: true,
    attackIp: false,
    ...fields,
  };
}

function device(key: string, source: 'rba' | 'bot', attempts: LoginAttempt[]): ReplayDevice {
  return { key, source, userAgent: key, ip: '192.0.2.1', attempts };
}

describe(summarizeReplay.name, () => {
  describe('on a small replay', () => {
    const phone = [
      attempt({ claimedUserId: 'u1' }),
      attempt({ claimedUserId: 'u2', attackIp: true }),
      attempt({ claimedUserId: 'u3' }),
    ];
    const bot = [attempt({ deviceKey: 'bot', source: 'bot', claimedUserId: 'u1' })];
    const outcomes: AttemptOutcome[] = [
      {
        attempt: phone[0],
        triggered: true,
        recommendation: { type: 'ALLOW', riskScore: 10, reasonCodes: [] },
      },
      {
        attempt: phone[1],
        triggered: true,
        recommendation: { type: 'CHALLENGE', riskScore: 60, reasonCodes: ['NEW_USER_ON_DEVICE'] },
      },
      { attempt: phone[2], triggered: false },
      {
        attempt: bot[0],
        triggered: true,
        recommendation: {
          type: 'DENY',
          riskScore: 95,
          reasonCodes: ['BOT_USER_AGENT', 'BOT_USER_AGENT'],
        },
      },
    ];
    const failures: StepFailure[] = [
      { step: 'trigger_action', code: 'invalid_request', status: 400, deviceKey: 'phone' },
      { step: 'send_telemetry', code: 'publish_failed', status: 503, deviceKey: 'phone' },
      { step: 'trigger_action', code: 'invalid_request', status: 400, deviceKey: 'phone' },
    ];
    const summary = summarizeReplay({
      devices: [
        device('phone', 'rba', phone),
        device('bot', 'bot', bot),
        device('tablet', 'rba', []),
      ],
      assignment: ASSIGNMENT,
      recorder: { startedSessions: new Set(['phone', 'bot']), outcomes, failures },
      durationMs: 1234,
    });

    it('counts replayed rows and bot attempts', () => {
      expect(summary.rows).toEqual({ total: 3, replayed: 2 });
      expect(summary.botAttempts).toEqual({ total: 1, replayed: 1 });
      expect(summary.devices).toEqual({ planned: 3, bots: 1, sessionsStarted: 2 });
    });

    it('counts users per session from triggered attempts', () => {
      expect(summary.users).toBe(2);
      expect(summary.usersPerSession).toEqual([
        { label: '1', count: 1 },
        { label: '2', count: 1 },
      ]);
    });

    it('counts types, reasons once per recommendation, and errors', () => {
      expect(summary.recommendationsByType).toEqual([
        { label: 'ALLOW', count: 1 },
        { label: 'CHALLENGE', count: 1 },
        { label: 'DENY', count: 1 },
      ]);
      expect(summary.topReasons).toEqual([
        { label: 'BOT_USER_AGENT', count: 1 },
        { label: 'NEW_USER_ON_DEVICE', count: 1 },
      ]);
      expect(summary.errors).toEqual([
        { step: 'trigger_action', code: 'invalid_request', count: 2 },
        { step: 'send_telemetry', code: 'publish_failed', count: 1 },
      ]);
    });

    it('judges attack-IP rows, other rows and bots apart', () => {
      const [attackRows, otherRows, bots] = summary.judgement;

      expect(attackRows).toMatchObject({
        group: 'attack-IP rows',
        attempts: 1,
        scored: 1,
        meanRiskScore: 60,
      });
      expect(attackRows.typeShare).toEqual({ TRUST: 0, ALLOW: 0, CHALLENGE: 1, DENY: 0 });
      expect(otherRows).toMatchObject({
        group: 'other rows',
        attempts: 2,
        scored: 1,
        meanRiskScore: 10,
      });
      expect(bots).toMatchObject({ group: 'bots', attempts: 1, scored: 1, meanRiskScore: 95 });
    });
  });

  describe('on the planned RBA replay', () => {
    const plan = planRbaReplay(path.resolve(__dirname, '../..', '../shared/data'));
    const outcomes: AttemptOutcome[] = plan.attempts.map((planned) => ({
      attempt: planned,
      triggered: true,
      recommendation: {
        type: planned.attackIp ? 'CHALLENGE' : 'ALLOW',
        riskScore: 40,
        reasonCodes: [],
      },
    }));
    const summary = summarizeReplay({
      ...plan,
      recorder: {
        startedSessions: new Set(plan.devices.map((planned) => planned.key)),
        outcomes,
        failures: [],
      },
      durationMs: 0,
    });

    it('splits 167 attack-IP rows from 1833 others', () => {
      expect(summary.judgement.map((judgement) => [judgement.group, judgement.attempts])).toEqual([
        ['attack-IP rows', 167],
        ['other rows', 1833],
        ['bots', plan.attempts.length - 2000],
      ]);
      expect(summary.judgement[0].typeShare.CHALLENGE).toBe(1);
    });

    it('keeps the rule counts of users and sessions', () => {
      const sessions = summary.usersPerSession.reduce((sum, row) => sum + row.count, 0);

      expect(summary.users).toBe(929);
      expect(sessions).toBe(1518);
      expect(summary.usersPerSession[0]).toEqual({ label: '1', count: 1315 });
    });
  });
});
