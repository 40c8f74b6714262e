import { describeUnsafePattern, RULE_LIMITS } from './rule-format';

describe(describeUnsafePattern.name, () => {
  it.each([
    'HeadlessChrome',
    'Chrome/\\d+\\.0',
    '(?:Googlebot|bingbot)/\\d',
    '^Mozilla/5\\.0 \\((?:Windows|Macintosh)',
    '[(a+)+]*',
    '(ab){3}',
    '(Headless)?Chrome',
    'python-requests/[0-9.]+',
  ])('accepts %s', (pattern) => {
    expect(describeUnsafePattern(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+$', 'must not repeat a group'],
    ['(a|ab)*c', 'must not repeat a group'],
    ['((ab)*)+', 'must not repeat a group'],
    ['(\\w+\\s?){2,}', 'must not repeat a group'],
    ['(.*a){1,20}', 'must not repeat a group'],
    ['(a)\\1', 'must not use backreferences'],
    ['(?<x>a)\\k<x>', 'must not use backreferences'],
    ['Chrome/(', 'is not a valid regular expression'],
    ['a'.repeat(RULE_LIMITS.userAgentPatternMaxLength + 1), 'must be at most'],
  ])('rejects %s', (pattern, problem) => {
    expect(describeUnsafePattern(pattern)).toContain(problem);
  });
});
