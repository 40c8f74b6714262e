import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RuleDefinition, RuleMatchers } from '@vigil/contracts';
import { sharedDataPath } from '../../risk/testing/shared-data';

/** Builds an enabled production DENY rule with `matchers`, with `changes` applied. */
export function ruleOf(
  matchers: RuleMatchers,
  changes: Partial<Omit<RuleDefinition, 'matchers'>> = {},
): RuleDefinition {
  return {
    rule_id: 'rule-1',
    version: 1,
    name: 'test rule',
    priority: 100,
    enabled: true,
    mode: 'production',
    recommendation: 'DENY',
    matchers,
    ...changes,
  };
}

/** One login of the RBA sample: the columns the rule tests use. */
export interface RbaLogin {
  ip: string;
  country: string;
  asn: number;
  userAgent: string;
}

/** Reads the 19 pristine rows of the RBA login sample. */
export function readRbaLogins(): RbaLogin[] {
  const text = readFileSync(sharedDataPath('rba-login-sample', 'rba_head19_pristine.csv'), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  return rows.map((row) => ({
    ip: row['IP Address'],
    country: row['Country'],
    asn: Number(row['ASN']),
    userAgent: row['User Agent String'],
  }));
}
