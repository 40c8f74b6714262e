import {
  findDeviceAutomationMarkers,
  inspectUserAgent,
  isBotOrAutomatedUserAgent,
} from './user-agent';
import {
  NamedUserAgent,
  readCrawlerUserAgents,
  readIsbotFixture,
  readVisitorFingerprints,
} from './testing/shared-data';

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(2)}% (${part} of ${whole})`;
}

function userAgentOf(fixture: NamedUserAgent[], name: string): string {
  const found = fixture.find((entry) => entry.name === name);
  if (found === undefined) {
    throw new Error(`no fixture named ${name}`);
  }

  return found.userAgent;
}

describe('user-agent detection on real data', () => {
  it('flags the isbot crawler fixtures', () => {
    const crawlers = readIsbotFixture('crawlers');
    const missed = crawlers.filter((entry) => !isBotOrAutomatedUserAgent(entry.userAgent));
    console.log(
      `isbot crawlers.yml flagged: ${percent(crawlers.length - missed.length, crawlers.length)}`,
    );

    expect(crawlers.length).toBe(626);
    expect(missed).toEqual([]);
  });

  it('passes the isbot browser fixtures', () => {
    const browsers = readIsbotFixture('browsers');
    const flagged = browsers.filter((entry) => isBotOrAutomatedUserAgent(entry.userAgent));
    console.log(
      `isbot browsers.yml false positives: ${percent(flagged.length, browsers.length)}: ` +
        JSON.stringify(flagged.map((entry) => entry.userAgent)),
    );

    expect(browsers.length).toBe(555);
    // The one known false positive is Amazon's `Amzn-User` agent, which fetches pages for a
    // person: isbot 5.2.4 matches it, while its fixtures file it under miscellaneous browsers.
    expect(flagged.map((entry) => entry.userAgent)).toEqual([
      expect.stringContaining('Amzn-User/0.1'),
    ]);
  });

  it('flags the crawler-user-agents instances', () => {
    const instances = readCrawlerUserAgents();
    const missed = instances.filter((userAgent) => !isBotOrAutomatedUserAgent(userAgent));
    const flaggedCount = instances.length - missed.length;
    console.log(
      `crawler-user-agents flagged: ${percent(flaggedCount, instances.length)}; ` +
        `missed: ${JSON.stringify(missed)}`,
    );

    expect(instances.length).toBe(2_116);
    expect(flaggedCount / instances.length).toBeGreaterThanOrEqual(0.995);
  });

  it('passes the real visitor fingerprints', () => {
    const visitors = readVisitorFingerprints();
    const flagged = visitors.filter((visitor) => isBotOrAutomatedUserAgent(visitor.userAgent));
    console.log(
      `user-agents-fingerprints false positives: ${percent(flagged.length, visitors.length)}`,
    );

    expect(visitors.length).toBe(10_000);
    expect(flagged.length / visitors.length).toBeLessThanOrEqual(0.001);
  });
});

describe(inspectUserAgent.name, () => {
  const crawlers = readIsbotFixture('crawlers');
  const browsers = readIsbotFixture('browsers');

  it.each([
    ['Chrome Headless', 'headless', 'HeadlessChrome'],
    ['PhantomJS', 'phantomjs', 'PhantomJS'],
    ['Selenium', 'selenium', 'Selenium'],
    ['Playwright', 'playwright', 'Playwright'],
    ['Cypress', 'cypress', 'Cypress/3.3.2'],
  ])('names the automation tool of %s', (name, marker, matched) => {
    const findings = inspectUserAgent(userAgentOf(crawlers, name));

    expect(findings.automation_markers).toEqual([{ marker, found_in: 'user_agent', matched }]);
  });

  it('leaves headless Chrome out of the bot matches', () => {
    const findings = inspectUserAgent(userAgentOf(crawlers, 'Chrome Headless'));

    expect(findings.bot_matches).toEqual([]);
  });

  it('names the bot parts of a Googlebot user agent', () => {
    const googlebot = crawlers.find((entry) => /Googlebot\/2\.1/.test(entry.userAgent));
    const findings = inspectUserAgent(googlebot?.userAgent ?? '');

    expect(findings.bot_matches).toEqual(expect.arrayContaining(['Google']));
    expect(findings.automation_markers).toEqual([]);
  });

  it('flags HTTP libraries', () => {
    const findings = inspectUserAgent('python-requests/2.31.0');

    expect(findings.bot_matches).toContain('python-requests/2.31.0');
  });

  it('passes Electron desktop apps and the Phantom wallet', () => {
    const apps = browsers.filter(
      (entry) => /Electron\//.test(entry.userAgent) || entry.name.startsWith('Phantom'),
    );

    expect(apps.length).toBeGreaterThanOrEqual(7);
    for (const app of apps) {
      expect({ app: app.userAgent, flagged: isBotOrAutomatedUserAgent(app.userAgent) }).toEqual({
        app: app.userAgent,
        flagged: false,
      });
    }
  });
});

describe(findDeviceAutomationMarkers.name, () => {
  it('names set automation attributes', () => {
    const markers = findDeviceAutomationMarkers({
      webdriver: true,
      headless: 'true',
      dom_automation: 1,
      platform: 'Win32',
    });

    expect(markers).toEqual([
      { marker: 'webdriver', found_in: 'device_attributes', matched: 'webdriver=true' },
      { marker: 'headless', found_in: 'device_attributes', matched: 'headless=true' },
      { marker: 'domautomation', found_in: 'device_attributes', matched: 'dom_automation=1' },
    ]);
  });

  it('ignores unset and unknown attributes', () => {
    const markers = findDeviceAutomationMarkers({
      webdriver: false,
      headless: 'false',
      automation: 0,
      selenium: null,
      screen_width: 1920,
    });

    expect(markers).toEqual([]);
    expect(findDeviceAutomationMarkers(undefined)).toEqual([]);
  });
});
