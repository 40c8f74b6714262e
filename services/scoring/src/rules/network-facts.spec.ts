import { actionInput, RESIDENTIAL_IP } from '../risk/testing/risk-builders';
import { actionFactsOf } from './action-facts';
import { compileRule } from './compiled-rule';
import { evaluateRules } from './evaluate-rules';
import { networkFactsOf } from './network-facts';
import { ruleOf } from './testing/rule-builders';

/** Rule facts of a login from `ip`, with the country and ASN the scoring consumer looks up. */
function loginFrom(ip: string) {
  const input = actionInput({ client: { ip } });

  return actionFactsOf(input, networkFactsOf(input.action.client.ip));
}

describe(networkFactsOf.name, () => {
  it('looks up the country and ASN of an IP', () => {
    expect(networkFactsOf('1.0.0.1')).toEqual({ country: 'AU', asn: 13335 });
    expect(networkFactsOf(RESIDENTIAL_IP)).toEqual({ country: 'US', asn: 7922 });
  });

  it('returns no facts without a public IP', () => {
    expect(networkFactsOf(undefined)).toEqual({});
    expect(networkFactsOf('10.0.65.171')).toEqual({ country: undefined, asn: undefined });
  });

  it('lets an asns rule match only its ASN', () => {
    const rules = [compileRule(ruleOf({ asns: [13335] }, { rule_id: 'deny-cloudflare' }))];

    expect(evaluateRules(rules, loginFrom('1.0.0.1')).decidingRule?.definition.rule_id).toBe(
      'deny-cloudflare',
    );
    expect(evaluateRules(rules, loginFrom('8.8.8.8')).decidingRule).toBeUndefined();
    expect(evaluateRules(rules, loginFrom(RESIDENTIAL_IP)).hits).toEqual([]);
  });
});
