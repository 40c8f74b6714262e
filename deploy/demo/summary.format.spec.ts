import { ReplaySummary } from './replay-summary';
import { formatSummary } from './summary.format';
import { formatTable } from './text-table';

const SUMMARY: ReplaySummary = {
  durationMs: 84_250,
  assignment: {
    rows: 2000,
    users: 929,
    devices: 1458,
    sessions: 1458,
    placeholderRows: 667,
    rowsPerUser: [
      { label: '1', count: 666 },
      { label: '667', count: 1 },
    ],
    usersPerDevice: [
      { label: '1', count: 1315 },
      { label: '2', count: 136 },
      { label: '5', count: 1 },
    ],
  },
  rows: { total: 2000, replayed: 1998 },
  botAttempts: { total: 241, replayed: 241 },
  devices: { planned: 1518, bots: 60, sessionsStarted: 1517 },
  users: 929,
  usersPerSession: [
    { label: '1', count: 1315 },
    { label: '2', count: 150 },
  ],
  recommendationsByType: [
    { label: 'ALLOW', count: 1500 },
    { label: 'DENY', count: 500 },
  ],
  topReasons: [{ label: 'BOT_USER_AGENT', count: 241 }],
  errors: [{ step: 'start_session', code: 'publish_failed', count: 1 }],
  judgement: [
    {
      group: 'attack-IP rows',
      attempts: 167,
      scored: 167,
      typeShare: { TRUST: 0, ALLOW: 0.5, CHALLENGE: 0.25, DENY: 0.25 },
      meanRiskScore: 52.25,
    },
    {
      group: 'bots',
      attempts: 241,
      scored: 0,
      typeShare: { TRUST: 0, ALLOW: 0, CHALLENGE: 0, DENY: 0 },
    },
  ],
};

describe(formatTable.name, () => {
  it('aligns columns left and right', () => {
    const table = formatTable(
      [{ header: 'type' }, { header: 'count', align: 'right' }],
      [
        ['ALLOW', '1500'],
        ['DENY', '5'],
      ],
    );

    expect(table).toBe(['type   count', '-----  -----', 'ALLOW   1500', 'DENY       5'].join('\n'));
  });
});

describe(formatSummary.name, () => {
  const text = formatSummary(SUMMARY);

  it('starts with the duration', () => {
    expect(text.split('\n')[0]).toBe('RBA replay finished in 84.3 s');
  });

  it('renders traffic with planned and replayed counts', () => {
    expect(text).toContain('RBA login rows         2000      1998');
    expect(text).toContain('devices (sessions)     1518      1517');
  });

  it('renders the rule counts and histograms side by side', () => {
    expect(text).toContain(
      'rule on the RBA rows\nusers 929, devices 1458, sessions 1458, rows of the placeholder id 667\n',
    );
    expect(text).toContain('            1    666                   1     1315');
    expect(text).toContain('          667      1                   2      136');
    expect(text).toContain('                                       5        1');
  });

  it('renders recommendation shares', () => {
    expect(text).toContain('ALLOW   1500  75.0%');
    expect(text).toContain('DENY     500  25.0%');
  });

  it('renders errors by step and code', () => {
    expect(text).toContain('start_session  publish_failed      1');
  });

  it('renders the judgement table', () => {
    const judgement = text.slice(text.indexOf('Judgement by group'));

    expect(judgement.split('\n').slice(1)).toEqual([
      'group           attempts  scored  TRUST  ALLOW  CHALLENGE   DENY  mean risk',
      '--------------  --------  ------  -----  -----  ---------  -----  ---------',
      'attack-IP rows       167     167   0.0%  50.0%      25.0%  25.0%       52.3',
      'bots                 241       0   0.0%   0.0%       0.0%   0.0%          -',
    ]);
  });

  it('says none for empty sections', () => {
    const empty = formatSummary({ ...SUMMARY, errors: [], topReasons: [] });

    expect(empty).toContain('Errors\nnone');
    expect(empty).toContain('Top reasons\nnone');
  });
});
