import { VigilBackendClient } from './backend.client';
import { CannedRoute, RecordingServer } from './testing/recording-server';
import { ReviewCaseWire } from './review.wire';

const REVIEW_CASE: ReviewCaseWire = {
  case_id: 'a_1',
  status: 'assigned',
  outcome: 'DENY',
  risk_score: 80,
  reason_codes: ['BOT_USER_AGENT'],
  preview_rule_ids: [],
  opened_for: ['outcome'],
  action: {
    action_id: 'a_1',
    action_type: 'login',
    session_id: 'ses-1',
    device_id: 'dev-1',
    issued_at: '2024-08-20T10:00:00.000Z',
  },
  assignee: 'analyst-1',
  created_at: '2024-08-20T10:00:01.000Z',
  updated_at: '2024-08-20T10:05:00.000Z',
};

const token: CannedRoute = () => ({
  status: 200,
  body: { access_token: 'token-1', token_type: 'Bearer', expires_in: 3600 },
});

describe('VigilBackendClient review calls', () => {
  let server: RecordingServer;
  let client: VigilBackendClient;

  beforeEach(async () => {
    server = await RecordingServer.start({
      'POST /oidc/token': token,
      'POST /risk/v1/label': () => ({
        status: 201,
        body: {
          label_id: 'lbl-1',
          label: 'confirmed_fraud',
          target: { type: 'device', id: 'dev-1' },
          created_by: 'app-1',
          created_at: '2024-08-20T10:00:00.000Z',
        },
      }),
      'GET /risk/v1/review-cases': () => ({
        status: 200,
        body: { review_cases: [REVIEW_CASE], next_cursor: 'c-2' },
      }),
      'PUT /risk/v1/action/assignee': () => ({ status: 200, body: REVIEW_CASE }),
      'POST /risk/v1/review-cases/a_1/resolve': () => ({ status: 200, body: REVIEW_CASE }),
      'GET /risk/v1/reports/precision': () => ({
        status: 200,
        body: {
          labelled_actions: 1,
          reasons: {
            BOT_USER_AGENT: {
              labelled_actions: 1,
              fraud_labels: 1,
              confirmed_fraud_labels: 1,
              precision: 1,
            },
          },
          rules: {},
          from: null,
          to: null,
        },
      }),
    });
    client = new VigilBackendClient({
      baseUrl: server.baseUrl,
      clientId: 'app-1',
      clientSecret: 'secret-1',
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('sends a label with its one target in snake_case', async () => {
    const label = await client.label('confirmed_fraud', { deviceId: 'dev-1' }, 'chargeback');

    expect(server.requestsTo('POST /risk/v1/label')[0].body).toEqual({
      label: 'confirmed_fraud',
      device_id: 'dev-1',
      note: 'chargeback',
    });
    expect(label.target).toEqual({ type: 'device', id: 'dev-1' });
    expect(label.createdBy).toBe('app-1');
  });

  it('lists review cases with the filters set', async () => {
    const page = await client.listReviewCases({ status: 'open', reasonCode: 'VPN_IP', limit: 5 });

    const query = server.requestsTo('GET /risk/v1/review-cases')[0].query;
    expect(Object.fromEntries(query)).toEqual({ status: 'open', reason_code: 'VPN_IP', limit: '5' });
    expect(page.nextCursor).toBe('c-2');
    expect(page.reviewCases[0].action.deviceId).toBe('dev-1');
  });

  it('assigns with PUT and resolves with a label', async () => {
    const assigned = await client.assignReviewCase('token.of.action', 'analyst-1');
    await client.resolveReviewCase('a_1', 'bot confirmed', 'confirmed_fraud');

    expect(server.requestsTo('PUT /risk/v1/action/assignee')[0].body).toEqual({
      action_token: 'token.of.action',
      assignee: 'analyst-1',
    });
    expect(server.requestsTo('POST /risk/v1/review-cases/a_1/resolve')[0].body).toEqual({
      resolution: 'bot confirmed',
      label: 'confirmed_fraud',
    });
    expect(assigned.assignee).toBe('analyst-1');
  });

  it('maps the precision report to camelCase', async () => {
    const report = await client.getPrecisionReport({ from: '2024-08-01T00:00:00Z' });

    expect(server.requestsTo('GET /risk/v1/reports/precision')[0].query.get('from')).toBe(
      '2024-08-01T00:00:00Z',
    );
    expect(report.reasons.BOT_USER_AGENT).toEqual({
      labelledActions: 1,
      fraudLabels: 1,
      confirmedFraudLabels: 1,
      precision: 1,
    });
  });
});
