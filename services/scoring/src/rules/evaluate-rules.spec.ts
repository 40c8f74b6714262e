import { RuleDefinition } from '@vigil/contracts';
import { actionInput } from '../risk/testing/risk-builders';
import { readTorExitSnapshot } from '../risk/testing/shared-data';
import { actionFactsOf } from './action-facts';
import { compileRule } from './compiled-rule';
import { evaluateRules, sortForEvaluation } from './evaluate-rules';
import { ruleOf } from './testing/rule-builders';

const [TOR_EXIT] = readTorExitSnapshot();
const torLogin = actionFactsOf(actionInput({ client: { ip: TOR_EXIT } }));

function compiled(...rules: RuleDefinition[]) {
  return sortForEvaluation(rules.map(compileRule));
}

const onTorExit = { ip_ranges: [TOR_EXIT] };
const onLogin = { action_types: ['login'] };

describe(evaluateRules.name, () => {
  it('lets the lowest priority number decide', () => {
    const rules = compiled(
      ruleOf(onLogin, { rule_id: 'challenge-logins', priority: 200, recommendation: 'CHALLENGE' }),
      ruleOf(onTorExit, { rule_id: 'deny-tor', priority: 10, recommendation: 'DENY' }),
    );

    const evaluation = evaluateRules(rules, torLogin);

    expect(evaluation.decidingRule?.definition.rule_id).toBe('deny-tor');
    expect(evaluation.hits.map((hit) => hit.rule_id)).toEqual(['deny-tor', 'challenge-logins']);
  });

  it('breaks priority ties by rule id', () => {
    const rules = compiled(
      ruleOf(onLogin, { rule_id: 'b', recommendation: 'CHALLENGE' }),
      ruleOf(onLogin, { rule_id: 'a', recommendation: 'TRUST' }),
    );

    expect(evaluateRules(rules, torLogin).decidingRule?.definition.rule_id).toBe('a');
  });

  it('reports preview rules without letting them decide', () => {
    const rules = compiled(
      ruleOf(onTorExit, { rule_id: 'preview-deny', priority: 1, mode: 'preview' }),
      ruleOf(onLogin, { rule_id: 'allow-logins', priority: 500, recommendation: 'ALLOW' }),
    );

    const evaluation = evaluateRules(rules, torLogin);

    expect(evaluation.decidingRule?.definition.rule_id).toBe('allow-logins');
    expect(evaluation.previewRules.map((rule) => rule.definition.rule_id)).toEqual([
      'preview-deny',
    ]);
    expect(evaluation.hits).toEqual([
      { rule_id: 'preview-deny', version: 1, mode: 'preview', recommendation: 'DENY' },
      { rule_id: 'allow-logins', version: 1, mode: 'production', recommendation: 'ALLOW' },
    ]);
  });

  it('runs preview rules after a production rule decided', () => {
    const rules = compiled(
      ruleOf(onTorExit, { rule_id: 'deny-tor', priority: 1 }),
      ruleOf(onLogin, { rule_id: 'preview-later', priority: 900, mode: 'preview' }),
    );

    const evaluation = evaluateRules(rules, torLogin);

    expect(evaluation.decidingRule?.definition.rule_id).toBe('deny-tor');
    expect(evaluation.previewRules).toHaveLength(1);
  });

  it('skips disabled rules', () => {
    const rules = compiled(ruleOf(onTorExit, { enabled: false }));

    const evaluation = evaluateRules(rules, torLogin);

    expect(evaluation.decidingRule).toBeUndefined();
    expect(evaluation.hits).toEqual([]);
  });

  it('records the version of each hit', () => {
    const rules = compiled(ruleOf(onTorExit, { version: 4 }));

    expect(evaluateRules(rules, torLogin).hits[0].version).toBe(4);
  });

  it('returns no hits when nothing matches', () => {
    const rules = compiled(ruleOf({ action_types: ['transaction'] }));

    expect(evaluateRules(rules, torLogin)).toEqual({ hits: [], previewRules: [] });
  });
});
