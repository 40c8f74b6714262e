import { VigilBackendClient } from '@vigil/client';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { accessToken, send } from '../pipeline/http';
import { closeFixtures, createTenant, eventually } from '../support/fixtures';
import { backendOf, realChromeUserAgent, scoredLogin, startDevice } from './review-support';

let tenant: ProvisionedApplication;
let backend: VigilBackendClient;
let bearer: Record<string, string>;

beforeAll(async () => {
  tenant = await createTenant('labels');
  backend = backendOf(tenant);
  bearer = { authorization: `Bearer ${await accessToken(tenant.client_id, tenant.client_secret)}` };
});

afterAll(closeFixtures);

describe('POST /risk/v1/label', () => {
  it('raises the next action of a labelled device', async () => {
    const device = await startDevice(tenant, realChromeUserAgent());
    const before = await scoredLogin(backend, device, 'user-label-1');

    const label = await backend.label('confirmed_fraud', { deviceId: device.deviceId }, 'test');
    const after = await scoredLogin(backend, device, 'user-label-1');

    const reason = after.recommendation.reasons.find((r) => r.code === 'DEVICE_LABELLED_FRAUD');
    expect(before.recommendation.reasons.map((r) => r.code)).not.toContain('DEVICE_LABELLED_FRAUD');
    expect(reason?.weight).toBe(60);
    expect(reason?.evidence).toMatchObject({ label: 'confirmed_fraud', label_id: label.labelId });
    expect(after.recommendation.riskScore).toBe(before.recommendation.riskScore + 60);
    expect(label.target).toEqual({ type: 'device', id: device.deviceId });
  });

  it('lets a later legitimate label clear a user', async () => {
    const device = await startDevice(tenant, realChromeUserAgent());
    await backend.label('suspected_fraud', { userId: 'user-label-2' });
    const flagged = await scoredLogin(backend, device, 'user-label-2');

    await backend.label('confirmed_legit', { userId: 'user-label-2' });
    const cleared = await scoredLogin(backend, device, 'user-label-2');

    const codes = (login: typeof flagged) => login.recommendation.reasons.map((r) => r.code);
    expect(codes(flagged)).toContain('USER_LABELLED_FRAUD');
    expect(codes(cleared)).not.toContain('USER_LABELLED_FRAUD');
  });

  it('joins an action label to the precision report', async () => {
    const device = await startDevice(tenant, realChromeUserAgent(), '203.0.113.50');
    const { actionToken } = await scoredLogin(backend, device, 'user-label-3', {
      ipAddress: '203.0.113.50',
    });
    await backend.label('suspected_fraud', { actionToken });

    const report = await backend.getPrecisionReport();

    expect(report.labelledActions).toBeGreaterThanOrEqual(1);
    for (const row of Object.values(report.reasons)) {
      expect(row.precision).toBe(row.fraudLabels / row.labelledActions);
    }
  });

  it('counts failed login results of a user', async () => {
    const device = await startDevice(tenant, realChromeUserAgent());
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const { actionToken } = await scoredLogin(backend, device, 'user-label-4');
      await backend.reportActionResult(actionToken, 'failure');
    }

    const reason = await eventually(async () => {
      const login = await scoredLogin(backend, device, 'user-label-4');

      return login.recommendation.reasons.find((r) => r.code === 'USER_FAILED_LOGINS');
    }, 'USER_FAILED_LOGINS on a later login');

    expect(reason.evidence).toMatchObject({ counts: { last_minute: expect.any(Number) } });
    expect((reason.evidence as { counts: { last_minute: number } }).counts.last_minute).toBe(4);
  });

  it.each([
    [{ label: 'confirmed_fraud' }, ['action_token', 'user_id', 'device_id', 'ip_address']],
    [{ label: 'confirmed_fraud', user_id: 'u', device_id: 'd' }, ['user_id', 'device_id']],
    [{ label: 'fraud', device_id: 'd' }, ['label']],
    [{ label: 'confirmed_fraud', ip_address: '999.1.1.1' }, ['ip_address']],
    [{ label: 'confirmed_fraud', device_id: 'd', colour: 'red' }, ['colour']],
  ])('rejects %j naming %j', async (body, fields) => {
    const response = await send('POST', '/risk/v1/label', body, bearer);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    const named = (response.body.fields as Array<{ field: string }>).map((item) => item.field);
    expect([...new Set(named)]).toEqual(fields);
  });

  it('rejects an action token of another tenant', async () => {
    const other = await createTenant('labels-other');
    const device = await startDevice(other, realChromeUserAgent());
    const { actionToken } = await backendOf(other).triggerAction({
      sessionToken: device.sessionToken,
      actionType: 'login',
    });

    const response = await send(
      'POST',
      '/risk/v1/label',
      { label: 'undetermined', action_token: actionToken },
      bearer,
    );

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });
});
