import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { send } from '../pipeline/http';
import { closeFixtures, createTenant } from '../support/fixtures';
import { readSpans, ReceivedSpan } from '../support/otlp-receiver';
import { SPANS_FILE } from '../support/test-services';
import { newTraceparent, startSession, waitFor } from './ops-helpers';

let tenant: ProvisionedApplication;

beforeAll(async () => {
  tenant = await createTenant('tracing');
});

afterAll(closeFixtures);

function spansOf(traceId: string): ReceivedSpan[] {
  return readSpans(SPANS_FILE).filter((span) => span.trace_id === traceId);
}

function servicesOf(spans: ReceivedSpan[]): Set<string> {
  return new Set(spans.map((span) => span.service));
}

describe('tracing', () => {
  it('carries an action trace from gateway through session to scoring', async () => {
    const session = await startSession(tenant, 0);
    const { traceId, traceparent } = newTraceparent();

    const action = await send(
      'POST',
      '/risk-collect/v1/actions',
      { session_token: session.session_token, action_type: 'login' },
      { traceparent },
    );
    await waitFor(() => servicesOf(spansOf(traceId)).size === 3, 20_000);
    const spans = spansOf(traceId);
    const names = spans.map((span) => `${span.service} ${span.name}`);

    expect(action.status).toBe(201);
    expect(names).toContain('gateway POST /risk-collect/v1/actions');
    expect(names).toContain('gateway vigil.session-activity.recorded.v1 publish');
    expect(names).toContain('session vigil.session-activity.recorded.v1 process');
    expect(names).toContain('session vigil.action.contextualized.v1 publish');
    expect(names).toContain('scoring vigil.action.contextualized.v1 process');
    expect(names).toContain('scoring vigil.recommendation.issued.v1 publish');
  });

  it('continues a session start trace into its expiry job', async () => {
    const { traceId, traceparent } = newTraceparent();

    await startSession(tenant, 1, { traceparent });
    // The test services expire a session after 3 s without activity.
    await waitFor(
      () =>
        spansOf(traceId).some((span) => span.name.endsWith('device-session.expired.v1 publish')),
      20_000,
    );
    const names = spansOf(traceId).map((span) => `${span.service} ${span.name}`);

    expect(names).toContain('gateway POST /risk-collect/v1/sessions');
    expect(names).toContain('session vigil.session-activity.recorded.v1 process');
    expect(names).toContain('session SessionExpire');
    expect(names).toContain('session vigil.device-session.expired.v1 publish');
  });

  it('leaves health probes untraced', async () => {
    const { traceId, traceparent } = newTraceparent();

    const response = await send('GET', '/health/ready', undefined, { traceparent });
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(response.status).toBe(200);
    expect(spansOf(traceId)).toEqual([]);
  });
});
