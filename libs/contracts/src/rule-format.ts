import { AttributeMap, RecommendationType, RuleMode } from './payloads';

/** Limits of a rule, checked by the gateway on write and relied on by the scoring service. */
export const RULE_LIMITS = {
  nameMaxLength: 128,
  minPriority: 1,
  maxPriority: 1000,
  /** Entries per list matcher (ip_ranges, device_ids, user_ids, countries, action_types, asns). */
  maxListEntries: 500,
  userAgentPatternMaxLength: 256,
  maxRulesPerTenant: 1000,
} as const;

/** The user agent test of a rule: a substring or a regular expression, never both. */
export interface UserAgentMatcher {
  substring?: string;
  regex?: string;
  /** Compares without regard to letter case; false by default. */
  ignore_case?: boolean;
}

/** Conditions of a rule on an action. Every matcher given must match. */
export interface RuleMatchers {
  /** CIDR ranges or single addresses, IPv4 or IPv6. */
  ip_ranges?: string[];
  device_ids?: string[];
  /** Matched against the action's user, the session's user and the claimed user. */
  user_ids?: string[];
  /** ISO 3166-1 alpha-2 codes, upper case. */
  countries?: string[];
  action_types?: string[];
  /** Autonomous system numbers. */
  asns?: number[];
  user_agent?: UserAgentMatcher;
  /** Each key must be present among the action's custom attributes with an equal value. */
  custom_attributes?: AttributeMap;
}

/** A rule as stored and as the scoring service evaluates it. */
export interface RuleDefinition {
  rule_id: string;
  version: number;
  name: string;
  /** 1-1000; lower numbers are evaluated first. */
  priority: number;
  enabled: boolean;
  mode: RuleMode;
  recommendation: RecommendationType;
  matchers: RuleMatchers;
}

/**
 * Returns why `pattern` may not be used as a user agent regex, or undefined when it may. A
 * pattern must compile, stay within the length limit, and avoid the shapes that make a
 * backtracking engine take exponential time: a repeated group that itself contains a repetition
 * or an alternation, such as `(a+)+` or `(a|ab)*`, and backreferences.
 *
 * NOTE: this is a conservative shape check, not a proof of linear matching time. The user
 * agent it runs on is capped at 1024 characters by the action contract.
 */
export function describeUnsafePattern(pattern: string): string | undefined {
  if (pattern.length > RULE_LIMITS.userAgentPatternMaxLength) {
    return `must be at most ${RULE_LIMITS.userAgentPatternMaxLength} characters`;
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    return 'must not use backreferences';
  }

  return hasNestedRepetition(pattern)
    ? 'must not repeat a group that contains a repetition or an alternation, such as (a+)+'
    : undefined;
}

interface GroupScan {
  repeatsOrAlternates: boolean;
}

function hasNestedRepetition(pattern: string): boolean {
  const groups: GroupScan[] = [{ repeatsOrAlternates: false }];
  let lastClosedGroup: GroupScan | undefined;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    const closed = lastClosedGroup;
    lastClosedGroup = undefined;
    if (char === '\\') {
      index += 1;
    } else if (char === '[') {
      index = endOfCharacterClass(pattern, index);
    } else if (char === '(') {
      groups.push({ repeatsOrAlternates: false });
    } else if (char === ')') {
      lastClosedGroup = groups.length > 1 ? groups.pop() : undefined;
      if (lastClosedGroup?.repeatsOrAlternates) {
        groups[groups.length - 1].repeatsOrAlternates = true;
      }
    } else if (char === '|') {
      groups[groups.length - 1].repeatsOrAlternates = true;
    } else if (isUnboundedRepeat(pattern, index)) {
      if (closed?.repeatsOrAlternates) {
        return true;
      }
      groups[groups.length - 1].repeatsOrAlternates = true;
    }
  }

  return false;
}

function isUnboundedRepeat(pattern: string, index: number): boolean {
  const char = pattern[index];
  if (char === '*' || char === '+') {
    return true;
  }
  if (char !== '{') {
    return false;
  }
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));

  return bounds !== null && bounds[2] !== undefined && (bounds[3] === '' || Number(bounds[3]) > 1);
}

function endOfCharacterClass(pattern: string, start: number): number {
  for (let index = start + 1; index < pattern.length; index += 1) {
    if (pattern[index] === '\\') {
      index += 1;
    } else if (pattern[index] === ']') {
      return index;
    }
  }

  return pattern.length;
}
