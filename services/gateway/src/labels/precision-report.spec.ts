import { buildPrecisionReport, latestLabelByAction } from './precision-report';

describe(buildPrecisionReport.name, () => {
  it('counts fraud labels per reason and rule', () => {
    const report = buildPrecisionReport([
      {
        action_id: 'a1',
        label: 'confirmed_fraud',
        reason_codes: ['TOR_EXIT_IP'],
        rule_ids: ['r1'],
      },
      {
        action_id: 'a2',
        label: 'suspected_fraud',
        reason_codes: ['TOR_EXIT_IP', 'VPN_IP'],
        rule_ids: [],
      },
      {
        action_id: 'a3',
        label: 'confirmed_legit',
        reason_codes: ['TOR_EXIT_IP', 'VPN_IP'],
        rule_ids: ['r1'],
      },
      { action_id: 'a4', label: 'undetermined', reason_codes: ['TOR_EXIT_IP'], rule_ids: ['r1'] },
    ]);

    expect(report.labelled_actions).toBe(3);
    expect(report.reasons.TOR_EXIT_IP).toEqual({
      labelled_actions: 3,
      fraud_labels: 2,
      confirmed_fraud_labels: 1,
      precision: 0.6667,
    });
    expect(report.reasons.VPN_IP.precision).toBe(0.5);
    expect(report.rules.r1).toEqual({
      labelled_actions: 2,
      fraud_labels: 1,
      confirmed_fraud_labels: 1,
      precision: 0.5,
    });
  });

  it('counts a reason once per action', () => {
    const report = buildPrecisionReport([
      {
        action_id: 'a1',
        label: 'confirmed_legit',
        reason_codes: ['VPN_IP', 'VPN_IP'],
        rule_ids: [],
      },
    ]);

    expect(report.reasons.VPN_IP.labelled_actions).toBe(1);
    expect(report.reasons.VPN_IP.precision).toBe(0);
  });

  it('returns empty tables without labels', () => {
    expect(buildPrecisionReport([])).toEqual({ labelled_actions: 0, reasons: {}, rules: {} });
  });
});

describe(latestLabelByAction.name, () => {
  it('keeps the latest label of each action', () => {
    const latest = latestLabelByAction([
      { target_id: 'a1', label: 'suspected_fraud' },
      { target_id: 'a2', label: 'confirmed_legit' },
      { target_id: 'a1', label: 'confirmed_legit' },
    ]);

    expect([...latest.entries()]).toEqual([
      ['a1', 'confirmed_legit'],
      ['a2', 'confirmed_legit'],
    ]);
  });
});
