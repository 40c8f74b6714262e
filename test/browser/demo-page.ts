import { Page } from 'playwright-core';
import { GATEWAY_URL } from '../support/stack';

/** What the demo page shows for one action, read from the result section's data attributes. */
export interface ShownRecommendation {
  actionToken: string;
  recommendation: string;
  riskScore: number;
  reasons: string[];
}

export interface DemoSession {
  deviceId: string;
  sessionId: string;
}

/** Opens the demo page for a client id and waits until the SDK has started the session. */
export async function openDemoPage(page: Page, clientId: string): Promise<DemoSession> {
  await page.goto(`${GATEWAY_URL}/demo?client_id=${encodeURIComponent(clientId)}`);

  return waitForSession(page);
}

export async function waitForSession(page: Page): Promise<DemoSession> {
  const line = page.locator('#session[data-device-id]');
  await line.waitFor({ timeout: 15_000 });

  return {
    deviceId: (await line.getAttribute('data-device-id')) ?? '',
    sessionId: (await line.getAttribute('data-session-id')) ?? '',
  };
}

/** Waits for the recommendation that a form's result section shows, or its error. */
export async function shownRecommendation(
  page: Page,
  resultId: 'login-result' | 'payment-result',
): Promise<ShownRecommendation> {
  const section = page.locator(`#${resultId}`);
  await page
    .locator(`#${resultId}[data-recommendation], #${resultId}[data-error]`)
    .waitFor({ timeout: 30_000 });
  const error = await section.getAttribute('data-error');
  if (error) {
    throw new Error(`the demo page shows an error for ${resultId}: ${error}`);
  }
  const reasons = (await section.getAttribute('data-reasons')) ?? '';

  return {
    actionToken: (await section.getAttribute('data-action-token')) ?? '',
    recommendation: (await section.getAttribute('data-recommendation')) ?? '',
    riskScore: Number(await section.getAttribute('data-risk-score')),
    reasons: reasons === '' ? [] : reasons.split(','),
  };
}

/** Fills the login form in one step per field and submits it from a script: no input events. */
export async function signInInstantly(page: Page, email: string): Promise<void> {
  await page.fill('#login-email', email);
  await page.fill('#login-password', 'correct horse battery staple');
  await page.$eval('#login-form', (form) =>
    (form as unknown as { requestSubmit(): void }).requestSubmit(),
  );
}

/** Moves the pointer to each field, clicks it and types with pauses, then clicks the button. */
export async function signInLikeAPerson(page: Page, email: string): Promise<void> {
  await movePointerTo(page, '#login-email');
  await page.click('#login-email');
  await page.keyboard.type(email, { delay: 70 });
  await movePointerTo(page, '#login-password');
  await page.click('#login-password');
  await page.keyboard.type('correct horse battery staple', { delay: 55 });
  await movePointerTo(page, '#login-submit');
  await page.click('#login-submit');
}

/** Calls the SDK's getSessionToken in the page. */
export function sessionTokenIn(page: Page): Promise<string> {
  return page.evaluate(() => {
    const sdk = (globalThis as unknown as { Vigil: { getSessionToken(): Promise<string> } }).Vigil;

    return sdk.getSessionToken();
  });
}

export async function pay(page: Page, amount: string): Promise<void> {
  await page.click('#payment-card');
  await page.keyboard.type('4111 1111 1111 1111', { delay: 20 });
  await page.click('#payment-amount');
  await page.keyboard.type(amount, { delay: 20 });
  await page.click('#payment-submit');
}

async function movePointerTo(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) {
    throw new Error(`${selector} is not visible on the demo page`);
  }
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
}
