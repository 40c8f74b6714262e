import { randomBytes } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { send } from '../pipeline/http';
import { rbaClients } from '../session/session-harness';
import { testKafka } from '../support/fixtures';

/** A device session started through the gateway with a real login's user agent and IP. */
export interface StartedSession {
  session_token: string;
  session_id: string;
}

/** Returns a fresh W3C trace id and a `traceparent` header that starts a sampled trace with it. */
export function newTraceparent(): { traceId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');

  return { traceId, traceparent: `00-${traceId}-${parentId}-01` };
}

/** Starts a device session for the `index`-th client of the RBA login sample. */
export async function startSession(
  tenant: ProvisionedApplication,
  index: number,
  headers: Record<string, string> = {},
): Promise<StartedSession> {
  const clients = rbaClients();
  const client = clients[index % clients.length];
  const response = await send(
    'POST',
    '/risk-collect/v1/sessions',
    { client_id: tenant.client_id },
    {
      'user-agent': client.user_agent ?? 'unknown',
      'x-forwarded-for': client.ip ?? '',
      ...headers,
    },
  );
  if (response.status !== 201) {
    throw new Error(
      `session start failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body as unknown as StartedSession;
}

/** Polls `probe` until it returns true or `timeoutMs` passes, and returns the last result. */
export async function waitFor(probe: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let passed = await probe();
  while (!passed && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    passed = await probe();
  }

  return passed;
}

/**
 * Connects the Kafka clients of a test that runs consumer groups of its own: a client that logs
 * nothing (its groups rebalance on purpose), an admin and a producer.
 */
export async function connectGroupTestKafka() {
  const kafka = testKafka(logLevel.NOTHING);
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  const close = async () => {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  };

  return { kafka, admin, producer, close };
}
