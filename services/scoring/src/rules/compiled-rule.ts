import {
  AttributeMap,
  describeUnsafePattern,
  RuleDefinition,
  RuleMatchers,
} from '@vigil/contracts';
import { parseCidr, parseIp, ParsedIpRange, rangeOfAddress } from '../risk/ip-address';
import { IpRangeRow, IpRangeTable } from '../risk/ip-range-table';
import { ActionFacts } from './action-facts';

type FactTest = (facts: ActionFacts) => boolean;

/** A rule prepared for evaluation: its definition and one test per matcher it sets. */
export interface CompiledRule {
  definition: RuleDefinition;
  /** False when a matcher could not be compiled, so the rule never matches. */
  usable: boolean;
  matches(facts: ActionFacts): boolean;
}

/**
 * Prepares a rule for evaluation. A matcher that cannot be compiled (an unparsable range or an
 * unsafe pattern, which the gateway rejects on write) makes the whole rule match nothing, so a bad
 * stored rule can never widen what a rule hits.
 */
export function compileRule(definition: RuleDefinition): CompiledRule {
  const tests = matcherTests(definition.matchers);
  const usable = tests.length > 0 && tests.every((test) => test !== undefined);
  const ready = tests as FactTest[];

  return {
    definition,
    usable,
    matches: (facts) => usable && ready.every((test) => test(facts)),
  };
}

function matcherTests(matchers: RuleMatchers): (FactTest | undefined)[] {
  const tests: (FactTest | undefined)[] = [];
  if (matchers.ip_ranges !== undefined) {
    tests.push(ipRangeTest(matchers.ip_ranges));
  }
  if (matchers.device_ids !== undefined) {
    const ids = new Set(matchers.device_ids);
    tests.push((facts) => ids.has(facts.deviceId));
  }
  if (matchers.user_ids !== undefined) {
    const ids = new Set(matchers.user_ids);
    tests.push((facts) => facts.userIds.some((id) => ids.has(id)));
  }
  if (matchers.countries !== undefined) {
    const codes = new Set(matchers.countries.map((code) => code.toUpperCase()));
    tests.push((facts) => facts.country !== undefined && codes.has(facts.country));
  }
  if (matchers.action_types !== undefined) {
    const types = new Set(matchers.action_types);
    tests.push((facts) => types.has(facts.actionType));
  }
  if (matchers.asns !== undefined) {
    const asns = new Set(matchers.asns);
    tests.push((facts) => facts.asn !== undefined && asns.has(facts.asn));
  }
  if (matchers.user_agent !== undefined) {
    tests.push(userAgentTest(matchers.user_agent));
  }
  if (matchers.custom_attributes !== undefined) {
    tests.push(customAttributesTest(matchers.custom_attributes));
  }

  return tests;
}

function ipRangeTest(entries: string[]): FactTest | undefined {
  const ranges = entries.map(parseRangeOrAddress);
  if (ranges.some((range) => range === undefined)) {
    return undefined;
  }
  const label = { range: 'rule' };
  const rows = ranges as ParsedIpRange[];
  const ipv4 = new IpRangeTable(
    rows.filter((r) => r.family === 'ipv4').map((r) => ({ ...r, label }) as IpRangeRow<number>),
  );
  const ipv6 = new IpRangeTable(
    rows.filter((r) => r.family === 'ipv6').map((r) => ({ ...r, label }) as IpRangeRow<bigint>),
  );

  return ({ ip }) => {
    if (ip === undefined) {
      return false;
    }

    return (ip.family === 'ipv4' ? ipv4.find(ip.value) : ipv6.find(ip.value)) !== undefined;
  };
}

function parseRangeOrAddress(entry: string): ParsedIpRange | undefined {
  if (entry.includes('/')) {
    return parseCidr(entry);
  }
  const address = parseIp(entry);

  return address && rangeOfAddress(address);
}

function userAgentTest(matcher: NonNullable<RuleMatchers['user_agent']>): FactTest | undefined {
  const ignoreCase = matcher.ignore_case === true;
  if (matcher.regex !== undefined && matcher.substring === undefined) {
    if (describeUnsafePattern(matcher.regex) !== undefined) {
      return undefined;
    }
    const pattern = new RegExp(matcher.regex, ignoreCase ? 'i' : '');

    return ({ userAgent }) => userAgent !== undefined && pattern.test(userAgent);
  }
  if (matcher.substring !== undefined && matcher.regex === undefined) {
    const needle = ignoreCase ? matcher.substring.toLowerCase() : matcher.substring;

    return ({ userAgent }) =>
      userAgent !== undefined &&
      (ignoreCase ? userAgent.toLowerCase() : userAgent).includes(needle);
  }

  return undefined;
}

function customAttributesTest(expected: AttributeMap): FactTest {
  const entries = Object.entries(expected);

  return ({ customAttributes }) =>
    entries.every(
      ([key, value]) => Object.hasOwn(customAttributes, key) && customAttributes[key] === value,
    );
}
