import { RECOMMENDATION_TYPES, ReplaySummary } from './replay-summary';
import { CountRow } from './replay.types';
import { formatTable } from './text-table';

/** Renders a replay summary as plain-text sections with aligned tables, for a terminal. */
export function formatSummary(summary: ReplaySummary): string {
  const sections = [
    formatHeadline(summary),
    formatTraffic(summary),
    formatAssignment(summary),
    section('Users per session', countTable('users', 'sessions', summary.usersPerSession)),
    section('Recommendations', countTable('type', 'count', summary.recommendationsByType, true)),
    section('Top reasons', countTable('reason', 'recommendations', summary.topReasons)),
    section('Errors', formatErrors(summary)),
    section(
      'Judgement by group (attack-IP flag from the data set, never sent)',
      formatJudgement(summary),
    ),
  ];

  return sections.join('\n\n');
}

function formatHeadline(summary: ReplaySummary): string {
  const seconds = (summary.durationMs / 1000).toFixed(1);

  return `RBA replay finished in ${seconds} s`;
}

function formatTraffic(summary: ReplaySummary): string {
  const { rows, botAttempts, devices } = summary;
  const rowsTable = formatTable(
    [{ header: '' }, { header: 'planned', align: 'right' }, { header: 'replayed', align: 'right' }],
    [
      ['RBA login rows', String(rows.total), String(rows.replayed)],
      ['bot login attempts', String(botAttempts.total), String(botAttempts.replayed)],
      ['devices (sessions)', String(devices.planned), String(devices.sessionsStarted)],
      ['  of them bots', String(devices.bots), ''],
      ['users claimed', '', String(summary.users)],
    ],
  );

  return section('Traffic', rowsTable);
}

function formatAssignment(summary: ReplaySummary): string {
  const { assignment } = summary;
  const facts =
    `users ${assignment.users}, devices ${assignment.devices}, sessions ${assignment.sessions}, ` +
    `rows of the placeholder id ${assignment.placeholderRows}`;
  const histograms = formatTable(
    [
      { header: 'rows per user', align: 'right' },
      { header: 'users', align: 'right' },
      { header: '' },
      { header: 'users per device', align: 'right' },
      { header: 'devices', align: 'right' },
    ],
    zipRows(assignment.rowsPerUser, assignment.usersPerDevice),
  );

  return section('User and device rule on the RBA rows', `${facts}\n${histograms}`);
}

function formatErrors(summary: ReplaySummary): string {
  if (summary.errors.length === 0) {
    return 'none';
  }

  return formatTable(
    [{ header: 'step' }, { header: 'code' }, { header: 'count', align: 'right' }],
    summary.errors.map((error) => [error.step, error.code, String(error.count)]),
  );
}

function formatJudgement(summary: ReplaySummary): string {
  return formatTable(
    [
      { header: 'group' },
      { header: 'attempts', align: 'right' },
      { header: 'scored', align: 'right' },
      ...RECOMMENDATION_TYPES.map((type) => ({ header: type, align: 'right' as const })),
      { header: 'mean risk', align: 'right' },
    ],
    summary.judgement.map((judgement) => [
      judgement.group,
      String(judgement.attempts),
      String(judgement.scored),
      ...RECOMMENDATION_TYPES.map((type) => percent(judgement.typeShare[type] ?? 0)),
      judgement.meanRiskScore === undefined ? '-' : judgement.meanRiskScore.toFixed(1),
    ]),
  );
}

function countTable(
  labelHeader: string,
  countHeader: string,
  rows: CountRow[],
  withShare = false,
): string {
  if (rows.length === 0) {
    return 'none';
  }
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const columns = [{ header: labelHeader }, { header: countHeader, align: 'right' as const }];

  return formatTable(
    withShare ? [...columns, { header: 'share', align: 'right' }] : columns,
    rows.map((row) => {
      const cells = [row.label, String(row.count)];

      return withShare ? [...cells, percent(row.count / total)] : cells;
    }),
  );
}

function zipRows(left: CountRow[], right: CountRow[]): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    rows.push([
      left[i]?.label ?? '',
      left[i] ? String(left[i].count) : '',
      '',
      right[i]?.label ?? '',
      right[i] ? String(right[i].count) : '',
    ]);
  }

  return rows;
}

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
