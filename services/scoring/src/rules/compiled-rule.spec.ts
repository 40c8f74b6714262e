import { ActionContextualized, ClientContext } from '@vigil/contracts';
import { actionInput, ActionInputChanges, RESIDENTIAL_IP } from '../risk/testing/risk-builders';
import {
  readIpListLines,
  readIsbotFixture,
  readTorExitSnapshot,
  readVisitorFingerprints,
} from '../risk/testing/shared-data';
import { actionFactsOf } from './action-facts';
import { compileRule } from './compiled-rule';
import { readRbaLogins, ruleOf } from './testing/rule-builders';

type ClientWithNetwork = ClientContext & { country?: string; asn?: number };

function factsOf(changes: ActionInputChanges & { client?: Partial<ClientWithNetwork> } = {}) {
  return actionFactsOf(actionInput(changes) as ActionContextualized);
}

function factsFromIp(ip: string) {
  return factsOf({ client: { ip } });
}

describe('compileRule ip_ranges', () => {
  const datacenterRanges = readIpListLines('x4bnet_datacenter_ipv4.txt').slice(0, 500);

  it('matches the first address of every listed range', () => {
    const rule = compileRule(ruleOf({ ip_ranges: datacenterRanges }));
    const firstAddresses = datacenterRanges.map((range) => range.split('/')[0]);

    const misses = firstAddresses.filter((ip) => !rule.matches(factsFromIp(ip)));

    expect(misses).toEqual([]);
  });

  it('does not match a residential address outside the ranges', () => {
    const rule = compileRule(ruleOf({ ip_ranges: datacenterRanges }));

    expect(rule.matches(factsFromIp(RESIDENTIAL_IP))).toBe(false);
  });

  it('matches single Tor exit addresses exactly', () => {
    const [first, second] = readTorExitSnapshot();
    const rule = compileRule(ruleOf({ ip_ranges: [first] }));

    expect(rule.matches(factsFromIp(first))).toBe(true);
    expect(rule.matches(factsFromIp(second))).toBe(false);
  });

  it('matches IPv6 ranges and their spellings', () => {
    const range = readIpListLines('x4bnet_datacenter_ipv6.txt')[0];
    const rule = compileRule(ruleOf({ ip_ranges: [range] }));
    const base = range.split('/')[0];

    expect(range).toBe('2001:310::/32');
    expect(rule.matches(factsFromIp(`${base}1`))).toBe(true);
    expect(rule.matches(factsFromIp('2001:0310:ffff::abcd'))).toBe(true);
    expect(rule.matches(factsFromIp('2001:311::1'))).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 client against IPv4 ranges', () => {
    const rule = compileRule(ruleOf({ ip_ranges: ['1.12.0.0/14'] }));

    expect(rule.matches(factsFromIp('::ffff:1.13.200.7'))).toBe(true);
  });

  it('does not match an action without a client IP', () => {
    const rule = compileRule(ruleOf({ ip_ranges: ['0.0.0.0/0', '::/0'] }));

    expect(rule.matches(factsOf({ client: { ip: undefined } }))).toBe(false);
  });

  it('marks a rule with an unparsable range as never matching', () => {
    const rule = compileRule(ruleOf({ ip_ranges: ['1.12.0.0/14', '1.12.0.0/33'] }));

    expect(rule.usable).toBe(false);
    expect(rule.matches(factsFromIp('1.12.0.1'))).toBe(false);
  });
});

describe('compileRule user_agent', () => {
  const crawlers = readIsbotFixture('crawlers');
  const visitors = readVisitorFingerprints().map((visitor) => visitor.userAgent);

  it('matches crawler user agents by substring, ignoring case', () => {
    const rule = compileRule(ruleOf({ user_agent: { substring: 'googlebot', ignore_case: true } }));
    const googlebots = crawlers.filter((crawler) => /googlebot/i.test(crawler.userAgent));

    const matched = googlebots.filter((c) =>
      rule.matches(factsOf({ client: { user_agent: c.userAgent } })),
    );

    expect(googlebots.length).toBeGreaterThan(0);
    expect(matched).toHaveLength(googlebots.length);
  });

  it('compares substrings with case by default', () => {
    const rule = compileRule(ruleOf({ user_agent: { substring: 'googlebot' } }));
    const googlebot = crawlers.find((crawler) => crawler.userAgent.includes('Googlebot/2.1'))!;

    expect(rule.matches(factsOf({ client: { user_agent: googlebot.userAgent } }))).toBe(false);
  });

  it('matches a regex on crawlers and none of the real visitors', () => {
    const rule = compileRule(ruleOf({ user_agent: { regex: '(?:Googlebot|bingbot)/\\d' } }));
    const crawlerHits = crawlers.filter((c) =>
      rule.matches(factsOf({ client: { user_agent: c.userAgent } })),
    );
    const visitorHits = visitors.filter((ua) =>
      rule.matches(factsOf({ client: { user_agent: ua } })),
    );

    expect(crawlerHits.length).toBeGreaterThan(1);
    expect(visitorHits).toEqual([]);
  });

  it('does not match an action without a user agent', () => {
    const rule = compileRule(ruleOf({ user_agent: { substring: 'Mozilla' } }));

    expect(rule.matches(factsOf({ client: { user_agent: undefined } }))).toBe(false);
  });

  it('marks an unsafe regex as never matching', () => {
    const rule = compileRule(ruleOf({ user_agent: { regex: '(a+)+$' } }));

    expect(rule.usable).toBe(false);
    expect(rule.matches(factsOf({ client: { user_agent: 'aaaa' } }))).toBe(false);
  });
});

describe('compileRule countries and asns', () => {
  const logins = readRbaLogins();

  it('matches the country and ASN of RBA logins', () => {
    const norway = compileRule(ruleOf({ countries: ['no'], asns: [29695] }));
    const facts = logins.map((login) =>
      factsOf({
        client: {
          ip: login.ip,
          user_agent: login.userAgent,
          country: login.country,
          asn: login.asn,
        },
      }),
    );

    const matched = logins.filter((_, index) => norway.matches(facts[index]));
    const expected = logins.filter((login) => login.country === 'NO' && login.asn === 29695);

    expect(expected.length).toBeGreaterThan(0);
    expect(matched).toEqual(expected);
  });

  it('takes the country from a lookup', () => {
    const rule = compileRule(ruleOf({ countries: ['AU'] }));
    const login = logins.find((candidate) => candidate.country === 'AU')!;
    const input = actionInput({ client: { ip: login.ip } });

    expect(rule.matches(actionFactsOf(input, { country: login.country }))).toBe(true);
    expect(rule.matches(actionFactsOf(input, { country: 'NO' }))).toBe(false);
  });

  it('does not match when the action has no country or ASN', () => {
    const byCountry = compileRule(ruleOf({ countries: ['NO'] }));
    const byAsn = compileRule(ruleOf({ asns: [29695] }));

    expect(byCountry.matches(factsOf())).toBe(false);
    expect(byAsn.matches(factsOf())).toBe(false);
  });
});

describe('compileRule ids, action types and attributes', () => {
  it('matches device ids', () => {
    const rule = compileRule(ruleOf({ device_ids: ['device-1'] }));

    expect(rule.matches(factsOf())).toBe(true);
    expect(rule.matches(factsOf({ action: { device_id: 'device-2' } }))).toBe(false);
  });

  it('matches the action, session or claimed user', () => {
    const rule = compileRule(ruleOf({ user_ids: ['alice'] }));

    expect(rule.matches(factsOf({ action: { user_id: 'alice' } }))).toBe(true);
    expect(
      rule.matches(
        factsOf({ action: { user_id: undefined }, session: { current_user_id: 'alice' } }),
      ),
    ).toBe(true);
    expect(
      rule.matches(factsOf({ action: { user_id: undefined, claimed_user_id: 'alice' } })),
    ).toBe(true);
    expect(rule.matches(factsOf({ action: { user_id: 'bob' } }))).toBe(false);
  });

  it('matches action types', () => {
    const rule = compileRule(ruleOf({ action_types: ['transaction', 'checkout'] }));

    expect(rule.matches(factsOf({ action: { action_type: 'checkout' } }))).toBe(true);
    expect(rule.matches(factsOf({ action: { action_type: 'login' } }))).toBe(false);
  });

  it('matches custom attributes by equal value and type', () => {
    const rule = compileRule(ruleOf({ custom_attributes: { plan: 'free', amount: 100 } }));
    const attributes = (custom_attributes: Record<string, string | number>) =>
      factsOf({ action: { custom_attributes } });

    expect(rule.matches(attributes({ plan: 'free', amount: 100, extra: 'x' }))).toBe(true);
    expect(rule.matches(attributes({ plan: 'free', amount: '100' }))).toBe(false);
    expect(rule.matches(attributes({ plan: 'free' }))).toBe(false);
  });

  it('requires every matcher to match', () => {
    const rule = compileRule(
      ruleOf({ action_types: ['login'], ip_ranges: ['1.12.0.0/14'], device_ids: ['device-1'] }),
    );

    expect(rule.matches(factsOf({ client: { ip: '1.12.0.9' } }))).toBe(true);
    expect(rule.matches(factsOf({ client: { ip: RESIDENTIAL_IP } }))).toBe(false);
    expect(
      rule.matches(factsOf({ client: { ip: '1.12.0.9' }, action: { action_type: 'logout' } })),
    ).toBe(false);
  });

  it('marks a rule without matchers as never matching', () => {
    const rule = compileRule(ruleOf({}));

    expect(rule.usable).toBe(false);
    expect(rule.matches(factsOf())).toBe(false);
  });
});
