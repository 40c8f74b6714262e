import { AutomationFacts, DeviceFacts } from '../telemetry/device-events';

/** Reads the device facts from navigator, screen and Intl. */
export function readDeviceFacts(): DeviceFacts {
  const nav = navigator as Navigator & { deviceMemory?: number };

  return {
    userAgent: nav.userAgent,
    platform: nav.platform || null,
    screenWidth: window.screen?.width ?? null,
    screenHeight: window.screen?.height ?? null,
    colorDepth: window.screen?.colorDepth ?? null,
    pixelRatio: window.devicePixelRatio ?? null,
    timeZone: readTimeZone(),
    timezoneOffsetMinutes: new Date().getTimezoneOffset(),
    languages: nav.languages?.length ? nav.languages : [nav.language].filter(Boolean),
    hardwareConcurrency: nav.hardwareConcurrency ?? null,
    deviceMemoryGb: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
    maxTouchPoints: nav.maxTouchPoints ?? 0,
    touchEvents: 'ontouchstart' in window,
    cookiesEnabled: nav.cookieEnabled,
  };
}

const SELENIUM_GLOBALS = [
  '_selenium',
  'callSelenium',
  '_Selenium_IDE_Recorder',
  '__selenium_unwrapped',
  '__webdriver_evaluate',
  '__selenium_evaluate',
  '__webdriver_script_fn',
];

/** Looks for the globals and flags that automation tools leave in the page. */
export function readAutomationFacts(): AutomationFacts {
  const win = window as unknown as Record<string, unknown>;
  const doc = document as unknown as Record<string, unknown>;
  const documentKeys = Object.keys(document);

  return {
    webdriver: typeof navigator.webdriver === 'boolean' ? navigator.webdriver : null,
    headless: /headless/i.test(navigator.userAgent),
    selenium: SELENIUM_GLOBALS.some((name) => name in win || name in doc),
    phantom: 'callPhantom' in win || '_phantom' in win,
    nightmare: '__nightmare' in win,
    domAutomation: 'domAutomation' in win || 'domAutomationController' in win,
    chromedriver: documentKeys.some((key) => /^\$?(cdc|wdc)_/.test(key)),
  };
}

function readTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}
