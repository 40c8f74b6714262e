import path from 'node:path';
import {
  CannedRoute,
  RecordedRequest,
  RecordingServer,
} from '../../libs/client/src/testing/recording-server';
import { readRbaLogins } from './rba-dataset';
import { planRbaReplay } from './replay.plan';
import { runRbaReplay } from './replay.runner';
import { formatSummary } from './summary.format';
import { ReplaySummary } from './replay-summary';

const DATA_DIRECTORY = path.resolve(__dirname, '../..', '../shared/data');
const FAILING_SESSION_CALL = 3;

interface StubAction {
  sessionToken: string;
  correlationId: string;
}

/**
 * A stub gateway that issues tokens, returns pending for the first poll of every tenth action and
 * fails one session start. It judges by what it received: CHALLENGE for an IP of the data set's
 * attack rows, DENY for a bot correlation id, ALLOW otherwise.
 */
function stubGateway(attackIps: ReadonlySet<string>): Record<string, CannedRoute> {
  const sessionIps = new Map<string, string>();
  const actions = new Map<string, StubAction>();
  const polled = new Set<string>();

  return {
    'POST /oidc/token': () => ({
      status: 200,
      body: { access_token: 'backend-token', token_type: 'Bearer', expires_in: 3600 },
    }),
    'POST /risk-collect/v1/sessions': (request, callIndex) => {
      if (callIndex === FAILING_SESSION_CALL) {
        return { status: 503, body: { error: 'publish_failed', message: 'Kafka is unavailable' } };
      }
      sessionIps.set(`st-${callIndex}`, String(request.headers['x-forwarded-for']));

      return {
        status: 201,
        body: {
          session_token: `st-${callIndex}`,
          session_id: `s-${callIndex}`,
          device_id: `d-${callIndex}`,
          expires_in: 1800,
        },
      };
    },
    'POST /risk-collect/v1/telemetry': (request) => ({
      status: 202,
      body: { accepted: (request.body as { events: unknown[] }).events.length },
    }),
    'POST /risk-collect/v1/actions': (request, callIndex) => {
      const body = request.body as { session_token: string; correlation_id: string };
      actions.set(`at-${callIndex}`, {
        sessionToken: body.session_token,
        correlationId: body.correlation_id,
      });

      return { status: 201, body: { action_token: `at-${callIndex}` } };
    },
    'GET /risk/v1/recommendation': (request) => {
      const token = request.query.get('action_token') ?? '';
      const action = actions.get(token);
      if (!action) {
        return {
          status: 404,
          body: { error: 'not_found', message: `unknown action token ${token}` },
        };
      }
      if (Number(token.slice(3)) % 10 === 0 && !polled.has(token)) {
        polled.add(token);

        return {
          status: 404,
          body: { error: 'recommendation_pending', message: 'not scored yet' },
        };
      }
      const ip = sessionIps.get(action.sessionToken) ?? '';
      const [type, riskScore] = judge(action.correlationId, attackIps.has(ip));

      return { status: 200, body: recommendationBody(token, type, riskScore) };
    },
    'POST /risk/v1/action/result': () => ({ status: 202, body: {} }),
  };
}

function judge(correlationId: string, attackIp: boolean): [string, number] {
  if (correlationId.startsWith('bot-')) {
    return ['DENY', 90];
  }

  return attackIp ? ['CHALLENGE', 60] : ['ALLOW', 10];
}

function recommendationBody(token: string, type: string, riskScore: number) {
  return {
    id: `rec-${token}`,
    issued_at: '2020-02-03T12:43:31.000Z',
    recommendation: { type },
    risk_score: riskScore,
    reasons: type === 'ALLOW' ? [] : [{ code: `${type}_REASON`, weight: riskScore }],
    context: { action_type: 'login', session_id: 's', device_id: 'd' },
  };
}

describe(runRbaReplay.name, () => {
  const logins = readRbaLogins(DATA_DIRECTORY);
  const attackIps = new Set(
    logins.filter((login) => login.labels.attackIp).map((login) => login.ip),
  );
  const plan = planRbaReplay(DATA_DIRECTORY);
  const logged: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  let server: RecordingServer;
  let summary: ReplaySummary;

  function bodiesOf(route: string): Array<Record<string, unknown>> {
    return server
      .requestsTo(route)
      .map((request: RecordedRequest) => request.body as Record<string, unknown>);
  }

  beforeAll(async () => {
    server = await RecordingServer.start(stubGateway(attackIps));
    summary = await runRbaReplay({
      baseUrl: server.baseUrl,
      clientId: 'app-public-id',
      clientSecret: 'app-secret',
      dataDirectory: DATA_DIRECTORY,
      log: (message, fields) => logged.push({ message, fields }),
      recommendationWaitMs: 5000,
    });
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  it('starts one session per device with its IP and user agent', () => {
    const sessions = server.requestsTo('POST /risk-collect/v1/sessions');
    const planned = new Set(plan.devices.map((device) => `${device.userAgent}|${device.ip}`));

    expect(sessions).toHaveLength(plan.devices.length);
    for (const request of sessions) {
      const key = `${request.headers['user-agent']}|${request.headers['x-forwarded-for']}`;
      expect(planned.has(key)).toBe(true);
    }
    expect(summary.devices.sessionsStarted).toBe(plan.devices.length - 1);
  });

  it('skips the attempts of the device whose session failed', () => {
    const skipped = plan.attempts.length - summary.rows.replayed - summary.botAttempts.replayed;

    expect(skipped).toBeGreaterThan(0);
    expect(server.requestsTo('POST /risk-collect/v1/actions')).toHaveLength(
      plan.attempts.length - skipped,
    );
    expect(summary.errors).toEqual([{ step: 'start_session', code: 'publish_failed', count: 1 }]);
    expect(logged.some((line) => line.fields?.code === 'publish_failed')).toBe(true);
  });

  it('sends one device profile per RBA session and none for bots', () => {
    const telemetry = bodiesOf('POST /risk-collect/v1/telemetry');
    const startedRbaSessions = summary.devices.sessionsStarted - summary.devices.bots;

    expect(telemetry).toHaveLength(startedRbaSessions);
    expect(telemetry.every((body) => (body.events as unknown[]).length === 1)).toBe(true);
  });

  it('claims the assigned users and never sends the attack label', () => {
    const actions = bodiesOf('POST /risk-collect/v1/actions');

    expect(new Set(actions.map((body) => body.correlation_id)).size).toBe(actions.length);
    expect(actions.every((body) => body.action_type === 'login')).toBe(true);
    expect(actions.some((body) => body.claimed_user_id === 'rba:-3.28E+18:NO')).toBe(true);
    expect(JSON.stringify(server.requests.map((request) => request.body))).not.toMatch(/attack/i);
  });

  it('reports results with user id on success only', () => {
    const results = bodiesOf('POST /risk/v1/action/result');
    const successes = results.filter((body) => body.result === 'success');

    expect(results).toHaveLength(summary.rows.replayed + summary.botAttempts.replayed);
    expect(successes.length).toBeGreaterThan(1000);
    expect(successes.every((body) => typeof body.user_id === 'string')).toBe(true);
    expect(
      results.filter((body) => body.result === 'failure').every((body) => !('user_id' in body)),
    ).toBe(true);
  });

  it('polls pending recommendations with one access token', () => {
    const actions = server.requestsTo('POST /risk-collect/v1/actions').length;
    const polls = server.requestsTo('GET /risk/v1/recommendation').length;

    expect(polls).toBe(actions + Math.ceil(actions / 10));
    expect(server.requestsTo('POST /oidc/token')).toHaveLength(1);
  });

  it('summarizes the judgement of each group', () => {
    const [attackRows, otherRows, bots] = summary.judgement;

    expect(attackRows.typeShare.CHALLENGE).toBe(1);
    expect(attackRows.meanRiskScore).toBe(60);
    expect(otherRows.typeShare.ALLOW).toBe(1);
    expect(bots.typeShare.DENY).toBe(1);
    expect(summary.topReasons.map((reason) => reason.label)).toEqual([
      'DENY_REASON',
      'CHALLENGE_REASON',
    ]);
  });

  it('replays each device in time order', () => {
    const failed = server.requestsTo('POST /risk-collect/v1/sessions')[FAILING_SESSION_CALL];
    const failedKey = `${failed.headers['user-agent']}|${failed.headers['x-forwarded-for']}`;
    const idsBySession = new Map<string, string[]>();
    for (const body of bodiesOf('POST /risk-collect/v1/actions')) {
      const ids = idsBySession.get(String(body.session_token)) ?? [];
      idsBySession.set(String(body.session_token), [...ids, String(body.correlation_id)]);
    }
    const sent = new Set([...idsBySession.values()].map((ids) => ids.join(' ')));
    const repeated = plan.devices.filter(
      (device) => device.attempts.length > 1 && device.key !== failedKey,
    );

    expect(repeated.length).toBeGreaterThan(100);
    for (const device of repeated) {
      expect(sent.has(device.attempts.map((attempt) => attempt.correlationId).join(' '))).toBe(
        true,
      );
    }
  });

  it('prints a summary with every section', () => {
    const text = formatSummary(summary);

    for (const title of [
      'Traffic',
      'User and device rule',
      'Users per session',
      'Recommendations',
      'Top reasons',
      'Errors',
      'Judgement by group',
    ]) {
      expect(text).toContain(`\n${title}`);
    }
  });
});
