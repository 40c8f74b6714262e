import { VigilBackendClient } from '@vigil/client';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { accessToken, send } from '../pipeline/http';
import { closeFixtures, createTenant } from '../support/fixtures';
import {
  backendOf,
  googlebotUserAgent,
  openedCase,
  realChromeUserAgent,
  scoredLogin,
  startDevice,
} from './review-support';

let tenant: ProvisionedApplication;
let backend: VigilBackendClient;
let bearer: Record<string, string>;

beforeAll(async () => {
  tenant = await createTenant('review');
  backend = backendOf(tenant);
  bearer = { authorization: `Bearer ${await accessToken(tenant.client_id, tenant.client_secret)}` };
});

afterAll(closeFixtures);

/** Reports a login with Googlebot's user agent, which the engine denies. */
async function deniedLogin(userId: string) {
  const bot = googlebotUserAgent();
  const device = await startDevice(tenant, bot);

  return scoredLogin(backend, device, userId, { userAgent: bot });
}

describe('review cases', () => {
  it('open for a DENY, then get assigned and resolved with a label', async () => {
    const { actionToken, recommendation } = await deniedLogin('user-review-1');

    const opened = await openedCase(backend, recommendation.id);
    const assigned = await backend.assignReviewCase(actionToken, 'analyst-1');
    const resolved = await backend.resolveReviewCase(opened.caseId, 'crawler', 'confirmed_fraud');
    const report = await backend.getPrecisionReport();

    expect(recommendation.recommendation.type).toBe('DENY');
    expect(opened).toMatchObject({
      status: 'open',
      outcome: 'DENY',
      openedFor: ['outcome'],
      action: { actionId: recommendation.id, actionType: 'login', userId: 'user-review-1' },
    });
    expect(opened.reasonCodes).toContain('BOT_USER_AGENT');
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'analyst-1' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'crawler',
      label: 'confirmed_fraud',
    });
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect(report.reasons.BOT_USER_AGENT).toMatchObject({
      fraudLabels: 1,
      confirmedFraudLabels: 1,
    });
  });

  it('do not open for an ALLOW', async () => {
    const device = await startDevice(tenant, realChromeUserAgent());
    const allowed = await scoredLogin(backend, device, 'user-review-2');
    // The same session keeps both recommendations in one partition, in order, so once the
    // case of the later DENY exists, the ALLOW has been consumed.
    const denied = await scoredLogin(backend, device, 'user-review-2', {
      userAgent: googlebotUserAgent(),
    });
    await openedCase(backend, denied.recommendation.id);

    const path = `/risk/v1/review-cases/${allowed.recommendation.id}`;
    const response = await send('GET', path, undefined, bearer);

    expect(['TRUST', 'ALLOW']).toContain(allowed.recommendation.recommendation.type);
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('not_found');
  });

  it('filter by status, outcome, reason, assignee and time, page by cursor', async () => {
    const from = new Date().toISOString();
    const first = await deniedLogin('user-review-3');
    const second = await deniedLogin('user-review-4');
    await openedCase(backend, first.recommendation.id);
    await openedCase(backend, second.recommendation.id);
    await backend.assignReviewCase(second.actionToken, 'analyst-2');

    const assigned = await backend.listReviewCases({ status: 'assigned', assignee: 'analyst-2' });
    const open = await backend.listReviewCases({ status: 'open', from });
    const bots = await backend.listReviewCases({
      reasonCode: 'BOT_USER_AGENT',
      outcome: 'DENY',
      from,
    });
    const challenged = await backend.listReviewCases({ outcome: 'CHALLENGE', from });
    const page1 = await backend.listReviewCases({ from, limit: 1 });
    const page2 = await backend.listReviewCases({ from, limit: 1, cursor: page1.nextCursor! });
    const future = await backend.listReviewCases({
      from: new Date(Date.now() + 60_000).toISOString(),
    });

    const ids = (page: typeof open) => page.reviewCases.map((item) => item.caseId);
    expect(ids(assigned)).toEqual([second.recommendation.id]);
    expect(ids(open)).toEqual([first.recommendation.id]);
    expect(ids(bots)).toEqual([second.recommendation.id, first.recommendation.id]);
    expect(ids(challenged)).toEqual([]);
    expect(ids(page1)).toEqual([second.recommendation.id]);
    expect(ids(page2)).toEqual([first.recommendation.id]);
    expect(page2.nextCursor).toBeNull();
    expect(ids(future)).toEqual([]);
  });

  it.each([
    ['/risk/v1/review-cases?status=closed', 'status'],
    ['/risk/v1/review-cases?outcome=MAYBE', 'outcome'],
    ['/risk/v1/review-cases?limit=0', 'limit'],
    ['/risk/v1/review-cases?limit=101', 'limit'],
    ['/risk/v1/review-cases?from=yesterday', 'from'],
    ['/risk/v1/review-cases?cursor=garbage', 'cursor'],
  ])('reject GET %s naming %s', async (path, field) => {
    const response = await send('GET', path, undefined, bearer);

    expect(response.status).toBe(400);
    expect((response.body.fields as Array<{ field: string }>).map((item) => item.field)).toContain(
      field,
    );
  });

  it('reject a blank resolution, an unknown label and a blank assignee', async () => {
    const { actionToken, recommendation } = await deniedLogin('user-review-5');
    await openedCase(backend, recommendation.id);
    const path = `/risk/v1/review-cases/${recommendation.id}/resolve`;

    const blank = await send('POST', path, { resolution: ' ' }, bearer);
    const label = await send('POST', path, { resolution: 'ok', label: 'fraud' }, bearer);
    const assignee = await send(
      'PUT',
      '/risk/v1/action/assignee',
      { action_token: actionToken, assignee: '' },
      bearer,
    );

    const fieldsOf = (response: typeof blank) =>
      (response.body.fields as Array<{ field: string }>).map((item) => item.field);
    expect(blank.status).toBe(400);
    expect(fieldsOf(blank)).toEqual(['resolution']);
    expect(fieldsOf(label)).toEqual(['label']);
    expect(fieldsOf(assignee)).toEqual(['assignee']);
  });

  it('are not visible to another tenant', async () => {
    const { recommendation } = await deniedLogin('user-review-6');
    await openedCase(backend, recommendation.id);
    const other = await createTenant('review-other');
    const otherBearer = await accessToken(other.client_id, other.client_secret);

    const response = await send('GET', `/risk/v1/review-cases/${recommendation.id}`, undefined, {
      authorization: `Bearer ${otherBearer}`,
    });
    const listed = await backendOf(other).listReviewCases();

    expect(response.status).toBe(404);
    expect(listed.reviewCases).toEqual([]);
  });
});
