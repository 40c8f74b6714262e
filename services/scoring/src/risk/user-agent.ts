import { AttributeMap } from '@vigil/contracts';
import { isbotMatches } from 'isbot';

/** A sign that a browser is driven by a program, and where it was seen. */
export interface AutomationMarker {
  /** Stable marker name, such as `headless`, `webdriver` or `selenium`. */
  marker: string;
  /** `user_agent` for a user-agent string, or `device_attributes` for telemetry attributes. */
  found_in: 'user_agent' | 'device_attributes';
  /** The text that matched: part of the user agent, or `key=value` of the attribute. */
  matched: string;
}

/** Findings of the bot and automation checks on one user agent. */
export interface UserAgentFindings {
  /** Parts of the user agent that `isbot` matched, minus those an automation marker explains. */
  bot_matches: string[];
  automation_markers: AutomationMarker[];
}

/**
 * Automation tools that name themselves in the user agent. `Electron/` alone is not a marker,
 * because desktop apps such as Slack, Discord and VS Code send it from ordinary user sessions.
 * `PhantomJS` needs its suffix so that the Phantom wallet app (`Phantom/ios`) is not matched.
 */
export const USER_AGENT_AUTOMATION_PATTERNS: ReadonlyArray<{ marker: string; pattern: RegExp }> = [
  { marker: 'headless', pattern: /\bheadless\w*/i },
  { marker: 'phantomjs', pattern: /\bphantomjs\b/i },
  { marker: 'slimerjs', pattern: /\bslimerjs\b/i },
  { marker: 'selenium', pattern: /selenium/i },
  { marker: 'webdriver', pattern: /webdriver/i },
  { marker: 'puppeteer', pattern: /puppeteer/i },
  { marker: 'playwright', pattern: /playwright/i },
  { marker: 'cypress', pattern: /\bcypress\/[\d.]+/i },
  { marker: 'nightmare', pattern: /\bnightmare\b/i },
  { marker: 'jsdom', pattern: /\bjsdom\/[\d.]+/i },
  { marker: 'htmlunit', pattern: /htmlunit/i },
];

/**
 * Telemetry attributes that mark automation when their value is `true`, `"true"` or `1`. Keys
 * are compared lower-cased without `_` and `-`, so `dom_automation` and `domAutomation` match.
 * `webdriver` mirrors `navigator.webdriver`; `phantom`, `selenium`, `nightmare`, `domautomation`
 * and `chromedriver` stand for the globals those tools leave on `window`.
 *
 * NOTE: these names must match what the browser SDK sends in telemetry attributes.
 */
export const DEVICE_AUTOMATION_ATTRIBUTES: readonly string[] = [
  'webdriver',
  'headless',
  'automation',
  'phantom',
  'selenium',
  'nightmare',
  'domautomation',
  'chromedriver',
];

/** Runs the bot check (`isbot`) and the automation markers on one user agent. */
export function inspectUserAgent(userAgent: string): UserAgentFindings {
  const automationMarkers = findUserAgentAutomationMarkers(userAgent);
  const explained = automationMarkers.map((marker) => marker.matched.toLowerCase());
  const botMatches = isbotMatches(userAgent).filter(
    (match) => !explained.some((text) => text.includes(match.toLowerCase())),
  );

  return { bot_matches: unique(botMatches), automation_markers: automationMarkers };
}

/** Returns whether the user agent is a bot or names an automation tool. */
export function isBotOrAutomatedUserAgent(userAgent: string): boolean {
  const findings = inspectUserAgent(userAgent);

  return findings.bot_matches.length > 0 || findings.automation_markers.length > 0;
}

/** Finds the automation tools that a user agent names. */
export function findUserAgentAutomationMarkers(userAgent: string): AutomationMarker[] {
  return USER_AGENT_AUTOMATION_PATTERNS.flatMap(({ marker, pattern }) => {
    const match = pattern.exec(userAgent);

    return match ? [{ marker, found_in: 'user_agent' as const, matched: match[0] }] : [];
  });
}

/** Finds the telemetry attributes, listed in `DEVICE_AUTOMATION_ATTRIBUTES`, that are set. */
export function findDeviceAutomationMarkers(
  attributes: AttributeMap | undefined,
): AutomationMarker[] {
  return Object.entries(attributes ?? {}).flatMap(([key, value]) => {
    const marker = key.toLowerCase().replace(/[-_]/g, '');
    if (!DEVICE_AUTOMATION_ATTRIBUTES.includes(marker) || !isSet(value)) {
      return [];
    }

    return [{ marker, found_in: 'device_attributes' as const, matched: `${key}=${String(value)}` }];
  });
}

function isSet(value: AttributeMap[string]): boolean {
  return (
    value === true || value === 1 || (typeof value === 'string' && value.toLowerCase() === 'true')
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
