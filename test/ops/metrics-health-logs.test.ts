import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { accessToken, send } from '../pipeline/http';
import { closeFixtures, createTenant } from '../support/fixtures';
import { TEST_PORTS } from '../support/stack';
import { TEST_LOG_DIRECTORY } from '../support/test-services';
import { startSession, waitFor } from './ops-helpers';

let tenant: ProvisionedApplication;

beforeAll(async () => {
  tenant = await createTenant('ops');
});

afterAll(closeFixtures);

async function scrape(service: keyof typeof TEST_PORTS): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${TEST_PORTS[service]}/metrics`);

  return response.text();
}

/** Returns the value of one series, or undefined when it is not exported. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));

  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Returns the log lines a service wrote since `sinceMs`, because the log files outlive a run. */
function logLines(service: keyof typeof TEST_PORTS, sinceMs: number): Record<string, unknown>[] {
  const file = path.join(TEST_LOG_DIRECTORY, `${service}-${TEST_PORTS[service]}.log`);

  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => Number(line.time) >= sinceMs);
}

describe('GET /metrics', () => {
  it('labels gateway requests by route pattern', async () => {
    const unknownPath = `/no-such-route-${randomUUID()}`;
    await send('GET', unknownPath);
    await startSession(tenant, 2);

    const text = await scrape('gateway');

    expect(text).toMatch(
      /vigil_http_requests_total\{method="POST",route="\/risk-collect\/v1\/sessions",status="201"\} \d+/,
    );
    expect(text).toMatch(
      /vigil_http_requests_total\{method="GET",route="unmatched",status="404"\}/,
    );
    expect(text).not.toContain(unknownPath);
    expect(text).toContain('vigil_http_request_duration_seconds_bucket');
    expect(text).toMatch(/vigil_kafka_records_produced_total\{topic="vigil.session-activity/);
    expect(text).toContain('vigil_process_cpu_seconds_total');
  });

  it('counts consumed records, lag and recommendations', async () => {
    const session = await startSession(tenant, 3);
    const before = await scrape('scoring');
    const counted = (text: string) =>
      ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY']
        .map((type) => seriesValue(text, `vigil_recommendations_total{type="${type}"}`) ?? 0)
        .reduce((sum, value) => sum + value, 0);

    await send('POST', '/risk-collect/v1/actions', {
      session_token: session.session_token,
      action_type: 'login',
    });
    const grew = await waitFor(
      async () => counted(await scrape('scoring')) > counted(before),
      20_000,
    );
    const scoring = await scrape('scoring');
    const sessionText = await scrape('session');

    expect(grew).toBe(true);
    expect(scoring).toContain('vigil_decision_duration_seconds_count');
    expect(scoring).toContain('vigil_recommendation_reasons_total');
    expect(scoring).toMatch(
      /vigil_kafka_records_consumed_total\{topic="vigil.action.contextualized.v1",group="vigil-scoring-actions"\}/,
    );
    expect(scoring).toMatch(/vigil_kafka_consumer_lag\{topic="vigil.action.contextualized.v1",/);
    expect(sessionText).toMatch(/vigil_kafka_batch_size_count\{topic="vigil.session-activity/);
  });

  it('reads expiry job counts and expiry lag in the session service', async () => {
    await startSession(tenant, 4);
    const expired = await waitFor(
      async () =>
        (seriesValue(await scrape('session'), 'vigil_session_expiry_lag_seconds_count') ?? 0) > 0,
      20_000,
    );
    const text = await scrape('session');

    expect(expired).toBe(true);
    for (const state of ['waiting', 'delayed', 'active', 'failed']) {
      expect(seriesValue(text, `vigil_expiry_jobs{state="${state}"}`)).toBeGreaterThanOrEqual(0);
    }
    expect(seriesValue(text, 'vigil_expiry_job_duration_seconds_count')).toBeGreaterThan(0);
  });
});

describe('health', () => {
  it.each(Object.keys(TEST_PORTS) as (keyof typeof TEST_PORTS)[])(
    '%s reports liveness and readiness',
    async (service) => {
      const base = `http://127.0.0.1:${TEST_PORTS[service]}`;
      const live = await fetch(`${base}/health/live`);
      const ready = await fetch(`${base}/health/ready`);
      const body = (await ready.json()) as { status: string; checks: Record<string, string> };

      expect(live.status).toBe(200);
      expect(ready.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.checks.mongodb).toBe('ok');
      expect(body.checks['kafka-producer']).toBe('ok');
    },
  );
});

describe('logs', () => {
  it('carry request ids and redact secrets', async () => {
    const startedMs = Date.now();
    const correlationId = `ops-${randomUUID()}`;
    const userId = `user-${randomUUID()}`;
    const session = await startSession(tenant, 5);
    const token = await accessToken(tenant.client_id, tenant.client_secret);

    const response = await send(
      'POST',
      '/risk/v1/session/user',
      { session_token: session.session_token, user_id: userId },
      { authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
    );
    // The session expires 3 s later; its line shows the session service applied the user change.
    await fetch(`http://127.0.0.1:${TEST_PORTS.gateway}/health/ready`);
    const expiredLine = () =>
      logLines('session', startedMs).find(
        (line) => line.session_id === session.session_id && line.msg === 'device session expired',
      );
    await waitFor(() => expiredLine() !== undefined, 20_000);
    const lines = (['gateway', 'session', 'scoring'] as const).flatMap((service) =>
      logLines(service, startedMs),
    );
    const requestLine = lines.find((line) => line.correlation_id === correlationId);
    const leaking = (secret: string) =>
      lines.filter((line) => JSON.stringify(line).includes(secret));
    const healthLines = lines.filter((line) => JSON.stringify(line).includes('"url":"/health'));

    expect(response.status).toBe(202);
    expect(requestLine?.tenant_id).toBe(tenant.tenant_id);
    expect(requestLine?.session_id).toBe(session.session_id);
    expect(expiredLine()?.tenant_id).toBe(tenant.tenant_id);
    expect(expiredLine()?.correlation_id).toBeDefined();
    expect(leaking(userId)).toEqual([]);
    expect(leaking(session.session_token)).toEqual([]);
    expect(leaking(token)).toEqual([]);
    expect(healthLines).toEqual([]);
  });
});
