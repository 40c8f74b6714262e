import { AttributeMap, toAttributeMap } from '../core/attributes';

/** Device facts from the browser, null where the browser does not report one. */
export interface DeviceFacts {
  userAgent: string;
  platform: string | null;
  screenWidth: number | null;
  screenHeight: number | null;
  colorDepth: number | null;
  pixelRatio: number | null;
  timeZone: string | null;
  /** Minutes to add to local time to get UTC, as Date#getTimezoneOffset returns. */
  timezoneOffsetMinutes: number;
  languages: readonly string[];
  hardwareConcurrency: number | null;
  /** navigator.deviceMemory, in GiB, rounded by the browser; Chromium only. */
  deviceMemoryGb: number | null;
  maxTouchPoints: number;
  touchEvents: boolean;
  cookiesEnabled: boolean;
}

/** Signs of automation the page can see. */
export interface AutomationFacts {
  /** navigator.webdriver, which WebDriver and DevTools-driven browsers set to true. */
  webdriver: boolean | null;
  /** The user agent names a headless browser. */
  headless: boolean;
  /** Globals that Selenium IDE and Selenium's drivers leave on `window` or `document`. */
  selenium: boolean;
  phantom: boolean;
  nightmare: boolean;
  /** Chromium's `domAutomation` and `domAutomationController` globals. */
  domAutomation: boolean;
  /** `$cdc_` and `$wdc_` properties that ChromeDriver adds to `document`. */
  chromedriver: boolean;
}

export function deviceAttributes(facts: DeviceFacts): AttributeMap {
  return toAttributeMap({
    user_agent: facts.userAgent,
    platform: facts.platform,
    screen_width: facts.screenWidth,
    screen_height: facts.screenHeight,
    screen_color_depth: facts.colorDepth,
    device_pixel_ratio: facts.pixelRatio,
    time_zone: facts.timeZone,
    timezone_offset_minutes: facts.timezoneOffsetMinutes,
    language: facts.languages[0] ?? null,
    languages: facts.languages.join(','),
    hardware_concurrency: facts.hardwareConcurrency,
    device_memory_gb: facts.deviceMemoryGb,
    max_touch_points: facts.maxTouchPoints,
    touch_support: facts.touchEvents || facts.maxTouchPoints > 0,
    cookies_enabled: facts.cookiesEnabled,
  });
}

/**
 * Attribute names match the markers the scoring service looks for, so `webdriver=true` alone
 * raises its automation signal.
 */
export function automationAttributes(facts: AutomationFacts): AttributeMap {
  return toAttributeMap({
    webdriver: facts.webdriver,
    headless: facts.headless,
    selenium: facts.selenium,
    phantom: facts.phantom,
    nightmare: facts.nightmare,
    domautomation: facts.domAutomation,
    chromedriver: facts.chromedriver,
  });
}

/** Page facts of a `page_load` event. The query string and fragment are never sent. */
export function pageLoadAttributes(
  path: string,
  navigationType: string | null,
  loadTimeMs: number | null,
): AttributeMap {
  return toAttributeMap({
    page_path: path,
    navigation_type: navigationType,
    page_load_ms: loadTimeMs === null ? null : Math.round(loadTimeMs),
  });
}

export function visibilityAttributes(state: string, hiddenCount: number): AttributeMap {
  return toAttributeMap({ visibility_state: state, page_hidden_count: hiddenCount });
}
