import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { VigilBackendClient } from '@vigil/client';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { closeFixtures, createTenant, eventually, findDeviceSession } from '../support/fixtures';
import { GATEWAY_URL, REPO_ROOT } from '../support/stack';
import { BrowserSession, launchChromium, saveScreenshot } from './chromium';
import {
  openDemoPage,
  pay,
  shownRecommendation,
  signInInstantly,
  signInLikeAPerson,
} from './demo-page';

let tenant: ProvisionedApplication;
let backend: VigilBackendClient;
const browsers: BrowserSession[] = [];

async function newBrowser(): Promise<BrowserSession> {
  const browser = await launchChromium();
  browsers.push(browser);

  return browser;
}

/** Waits until the session service has stored the SDK's device telemetry for the session. */
async function storedTelemetry(sessionId: string) {
  return eventually(async () => {
    const session = await findDeviceSession(sessionId);
    const attributes = session?.device_attributes ?? {};

    const complete = ['fingerprint_id', 'bot_detected', 'webdriver'].every(
      (key) => key in attributes,
    );

    return complete ? session! : undefined;
  }, `device telemetry of session ${sessionId}`);
}

beforeAll(async () => {
  tenant = await createTenant('browser');
  backend = new VigilBackendClient({
    baseUrl: GATEWAY_URL,
    clientId: tenant.client_id,
    clientSecret: tenant.client_secret,
  });
});

afterEach(async () => {
  await Promise.all(browsers.splice(0).map((browser) => browser.close()));
});

afterAll(closeFixtures);

describe('demo page in Chromium', () => {
  it('starts a session whose telemetry reaches the session service', async () => {
    const { page, foreignRequests, pageErrors } = await newBrowser();
    const session = await openDemoPage(page, tenant.client_id);

    const stored = await storedTelemetry(session.sessionId);
    const attributes = stored.device_attributes;
    expect(stored.device_id).toBe(session.deviceId);
    expect(stored.telemetry_event_count).toBeGreaterThanOrEqual(4);
    expect(attributes.user_agent).toMatch(/Chrome\//);
    expect(attributes.time_zone).toEqual(expect.any(String));
    expect(attributes.hardware_concurrency).toEqual(expect.any(Number));
    expect(attributes.fingerprint_id).toMatch(/^[0-9a-f]{32}$/);
    expect(attributes.fingerprint_components).toMatch(/canvas:/);
    expect(attributes.bot_detected).toEqual(expect.any(Boolean));
    expect(attributes.page_path).toBe('/demo');
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('gets action tokens and recommendations for a login and a payment', async () => {
    const { page } = await newBrowser();
    await openDemoPage(page, tenant.client_id);

    await signInLikeAPerson(page, 'ada@example.com');
    const login = await shownRecommendation(page, 'login-result');
    await pay(page, '49.90');
    const payment = await shownRecommendation(page, 'payment-result');
    await saveScreenshot(page, 'demo-page');

    const fromBackend = await backend.getRecommendation(payment.actionToken);
    expect(login.actionToken.split('.')).toHaveLength(3);
    expect(['TRUST', 'ALLOW', 'CHALLENGE', 'DENY']).toContain(login.recommendation);
    expect(fromBackend.context.actionType).toBe('transaction');
    expect(fromBackend.riskScore).toBe(payment.riskScore);
  });

  it('recognises headless Chromium as automation', async () => {
    const { page } = await newBrowser();
    const session = await openDemoPage(page, tenant.client_id);
    await storedTelemetry(session.sessionId);

    // Quick, so that the session is still alive under the tests' 3-second idle timeout.
    await signInInstantly(page, 'grace@example.com');
    const login = await shownRecommendation(page, 'login-result');

    const view = await backend.getRecommendation(login.actionToken);
    const automation = view.reasons.find((reason) => reason.code === 'AUTOMATION_MARKERS');
    const markers = (automation?.evidence?.markers ?? []) as Array<Record<string, string>>;
    expect(login.reasons).toContain('AUTOMATION_MARKERS');
    expect(login.recommendation).toBe('DENY');
    expect(markers).toContainEqual(
      expect.objectContaining({ marker: 'headless', found_in: 'client.user_agent' }),
    );
    expect(markers).toContainEqual(
      expect.objectContaining({ marker: 'webdriver', found_in: 'device_attributes' }),
    );
    expect(markers).toContainEqual(
      expect.objectContaining({ marker: 'bot_detected', matched: 'bot_kind=headless_chrome' }),
    );
  });

  it('scores a person-like login below an instant one', async () => {
    const person = await newBrowser();
    await openDemoPage(person.page, tenant.client_id);
    await signInLikeAPerson(person.page, 'alan@example.com');
    const personLogin = await shownRecommendation(person.page, 'login-result');

    const script = await newBrowser();
    await openDemoPage(script.page, tenant.client_id);
    await signInInstantly(script.page, 'alan@example.com');
    const scriptLogin = await shownRecommendation(script.page, 'login-result');
    await saveScreenshot(script.page, 'demo-page-instant-login');

    expect(personLogin.riskScore).toBeLessThan(scriptLogin.riskScore);
    expect(scriptLogin.reasons).toContain('NO_INTERACTION_BEFORE_ACTION');
    expect(personLogin.reasons).not.toContain('NO_INTERACTION_BEFORE_ACTION');
  });
});
