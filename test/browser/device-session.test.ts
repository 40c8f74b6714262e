import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { closeFixtures, createTenant, eventually, findDeviceSession } from '../support/fixtures';
import { GATEWAY_URL, TEST_SESSION_SETTINGS } from '../support/stack';
import { send } from '../pipeline/http';
import { BrowserSession, launchChromium } from './chromium';
import { openDemoPage, sessionTokenIn, waitForSession } from './demo-page';

let tenant: ProvisionedApplication;
let browser: BrowserSession;

const IDLE_TIMEOUT_MS = Number(TEST_SESSION_SETTINGS.SESSION_IDLE_TIMEOUT_SECONDS) * 1000;

beforeAll(async () => {
  tenant = await createTenant('browser-session');
});

beforeEach(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await browser.close();
});

afterAll(closeFixtures);

function sendTelemetryWith(sessionToken: string) {
  return send('POST', '/risk-collect/v1/telemetry', {
    session_token: sessionToken,
    events: [{ type: 'page_load', attributes: { page_path: '/check' } }],
  });
}

describe('SDK device session in Chromium', () => {
  it('keeps the device id across a reload', async () => {
    const first = await openDemoPage(browser.page, tenant.client_id);
    await browser.page.reload();
    const second = await waitForSession(browser.page);

    expect(first.deviceId).toMatch(/^d_/);
    expect(second.deviceId).toBe(first.deviceId);
  });

  it('keeps the device id in a new session of the same profile', async () => {
    const first = await openDemoPage(browser.page, tenant.client_id);
    const tab = await browser.context.newPage();
    const second = await openDemoPage(tab, tenant.client_id);

    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.deviceId).toBe(first.deviceId);
  });

  it('hands out a valid token after an idle timeout', async () => {
    const session = await openDemoPage(browser.page, tenant.client_id);
    const before = await sessionTokenIn(browser.page);
    await eventually(
      async () => {
        const stored = await findDeviceSession(session.sessionId);

        return stored?.state === 'expired' ? stored : undefined;
      },
      `idle expiry of session ${session.sessionId}`,
      IDLE_TIMEOUT_MS + 15_000,
    );

    const after = await sessionTokenIn(browser.page);

    const staleAnswer = await sendTelemetryWith(before);
    const freshAnswer = await sendTelemetryWith(after);
    expect(after).not.toBe(before);
    expect(staleAnswer.status).toBe(401);
    expect(staleAnswer.body.error).toBe('token_expired');
    expect(freshAnswer.status).toBe(202);
  });

  it('sends the device telemetry again to a renewed session', async () => {
    const session = await openDemoPage(browser.page, tenant.client_id);
    await eventually(
      async () => {
        const stored = await findDeviceSession(session.sessionId);

        return stored?.state === 'expired' ? stored : undefined;
      },
      `idle expiry of session ${session.sessionId}`,
      IDLE_TIMEOUT_MS + 15_000,
    );

    const renewedId = sessionIdOf(await sessionTokenIn(browser.page));
    const renewed = await eventually(async () => {
      const stored = await findDeviceSession(renewedId);

      return stored?.device_attributes?.fingerprint_id ? stored : undefined;
    }, `device telemetry of the renewed session ${renewedId}`);

    expect(renewedId).not.toBe(session.sessionId);
    expect(renewed.device_id).toBe(session.deviceId);
    expect(renewed.device_attributes.webdriver).toBe(true);
  });

  it('rejects calls with a message and never throws into the page', async () => {
    await browser.page.goto(`${GATEWAY_URL}/demo`);
    const outcomes = await browser.page.evaluate(async () => {
      type Sdk = Record<string, (...args: unknown[]) => Promise<unknown>>;
      const sdk = (globalThis as unknown as { Vigil: Sdk }).Vigil;
      const outcomeOf = (call: Promise<unknown>) =>
        call.then(
          () => 'resolved',
          (error: { name: string; code: string }) => `${error.name} ${error.code}`,
        );

      return {
        beforeStart: await outcomeOf(sdk.triggerActionEvent('login')),
        badOptions: await outcomeOf(sdk.initialize({ clientId: '', serverUrl: 'nowhere' })),
        unreachable: await outcomeOf(
          sdk.initialize({ clientId: 'cli_unreachable', serverUrl: 'http://127.0.0.1:9' }),
        ),
      };
    });

    expect(outcomes).toEqual({
      beforeStart: 'VigilSdkError not_initialized',
      badOptions: 'VigilSdkError invalid_argument',
      unreachable: 'VigilSdkError network_error',
    });
    expect(browser.pageErrors).toEqual([]);
  });

  it('rejects an unknown client id with the gateway error', async () => {
    await browser.page.goto(`${GATEWAY_URL}/demo?client_id=cli_unknown`);
    const line = browser.page.locator('#session');
    await browser.page.waitForFunction(() =>
      /could not start/.test(
        (globalThis as unknown as { document: { body: { innerText: string } } }).document.body
          .innerText,
      ),
    );
    expect(await line.innerText()).toContain('401 invalid_client');
    expect(browser.pageErrors).toEqual([]);
  });
});

function sessionIdOf(sessionToken: string): string {
  const payload = sessionToken.split('.')[1];

  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sid;
}
