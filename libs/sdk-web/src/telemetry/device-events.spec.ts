import { ATTRIBUTE_KEY_PATTERN, ATTRIBUTE_MAX_KEYS } from '../core/attributes';
import {
  automationAttributes,
  AutomationFacts,
  deviceAttributes,
  DeviceFacts,
  pageLoadAttributes,
  visibilityAttributes,
} from './device-events';
import { botDetectionAttributes, fingerprintAttributes, fnv1a32 } from './fingerprint-events';
import { InteractionStats } from './interaction-stats';

const DEVICE: DeviceFacts = {
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  platform: 'Linux x86_64',
  screenWidth: 1920,
  screenHeight: 1080,
  colorDepth: 24,
  pixelRatio: 1,
  timeZone: 'Europe/Berlin',
  timezoneOffsetMinutes: -60,
  languages: ['de-DE', 'en'],
  hardwareConcurrency: 8,
  deviceMemoryGb: 8,
  maxTouchPoints: 0,
  touchEvents: false,
  cookiesEnabled: true,
};

const NO_AUTOMATION: AutomationFacts = {
  webdriver: false,
  headless: false,
  selenium: false,
  phantom: false,
  nightmare: false,
  domAutomation: false,
  chromedriver: false,
};

function componentsOf(count: number) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`component${index}`, { value: index }]),
  );
}

describe('device events', () => {
  it('keep the keys of all event types under the session limit', () => {
    const keys = new Set(
      [
        deviceAttributes(DEVICE),
        automationAttributes(NO_AUTOMATION),
        fingerprintAttributes({ visitorId: 'v', confidence: 0.5, version: '5', components: {} }),
        botDetectionAttributes({ bot: true, botKind: 'headless_chrome' }),
        new InteractionStats(0).toAttributes(1),
        pageLoadAttributes('/login', 'navigate', 120),
        visibilityAttributes('hidden', 1),
        { dropped_events: 1 },
      ].flatMap((attributes) => Object.keys(attributes)),
    );

    expect(keys.size).toBeLessThan(ATTRIBUTE_MAX_KEYS);
    expect([...keys].filter((key) => !ATTRIBUTE_KEY_PATTERN.test(key))).toEqual([]);
  });

  it('name automation markers as the scoring service reads them', () => {
    const attributes = automationAttributes({ ...NO_AUTOMATION, webdriver: true, headless: true });

    expect(attributes.webdriver).toBe(true);
    expect(attributes.headless).toBe(true);
    expect(attributes.domautomation).toBe(false);
  });

  it('join languages and take the first as language', () => {
    const attributes = deviceAttributes(DEVICE);

    expect(attributes.language).toBe('de-DE');
    expect(attributes.languages).toBe('de-DE,en');
    expect(attributes.touch_support).toBe(false);
  });

  it('hash each fingerprint component', () => {
    const attributes = fingerprintAttributes({
      visitorId: 'abc',
      confidence: 0.4,
      version: '5.2.0',
      components: { timezone: { value: 'Europe/Berlin' }, canvas: { error: new Error('blocked') } },
    });

    expect(attributes.fingerprint_id).toBe('abc');
    expect(attributes.fingerprint_components).toBe(
      `canvas:error,timezone:${fnv1a32('"Europe/Berlin"')}`,
    );
    expect(attributes.fingerprint_components_cut).toBe(false);
  });

  it('cut the component list at 1024 characters', () => {
    const attributes = fingerprintAttributes({
      visitorId: 'abc',
      confidence: 0.4,
      version: '5.2.0',
      components: componentsOf(100),
    });
    const list = attributes.fingerprint_components as string;

    expect(list.length).toBeLessThanOrEqual(1024);
    expect(list.endsWith(',')).toBe(false);
    expect(attributes.fingerprint_components_cut).toBe(true);
  });

  it('hash text with FNV-1a', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});
