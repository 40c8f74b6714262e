import { Kafka } from 'kafkajs';
import { Recommendation, VigilBackendClient, VigilDeviceClient } from '@vigil/client';
import { Topics } from '@vigil/contracts';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { readRbaLogins } from '../../services/scoring/src/rules/testing/rule-builders';
import {
  readIpListLines,
  readIsbotFixture,
  readRealChromeUserAgent,
} from '../../services/scoring/src/risk/testing/shared-data';
import { createTenant } from '../support/fixtures';
import { GATEWAY_URL } from '../support/stack';

/** A residential Norwegian address of the RBA login sample that no reputation list contains. */
export const RBA_RESIDENTIAL_IP = readRbaLogins().find((login) => login.ip === '81.167.144.58')!.ip;

/** The first address of the first range of the X4BNet datacenter list. */
export const DATACENTER_IP = readIpListLines('x4bnet_datacenter_ipv4.txt')[0].split('/')[0];

export const CHROME_USER_AGENT = readRealChromeUserAgent();

export const GOOGLEBOT_USER_AGENT = readIsbotFixture('crawlers').find((crawler) =>
  crawler.userAgent.includes('Googlebot/2.1'),
)!.userAgent;

/** A tenant of its own with a backend client, and actions reported through the backend API. */
export class RulesHarness {
  private constructor(
    readonly tenant: ProvisionedApplication,
    readonly backend: VigilBackendClient,
  ) {}

  static async create(name: string): Promise<RulesHarness> {
    const tenant = await createTenant(name);
    const backend = new VigilBackendClient({
      baseUrl: GATEWAY_URL,
      clientId: tenant.client_id,
      clientSecret: tenant.client_secret,
    });

    return new RulesHarness(tenant, backend);
  }

  /** Starts a device session on a new device and returns its session token. */
  async newSession(): Promise<string> {
    const device = new VigilDeviceClient({ baseUrl: GATEWAY_URL, clientId: this.tenant.client_id });
    const session = await device.startSession({ userAgent: CHROME_USER_AGENT });

    return session.sessionToken;
  }

  /** Reports a login from `ip` on a new device and returns its action token. */
  async login(ip: string, userAgent = CHROME_USER_AGENT): Promise<string> {
    const sessionToken = await this.newSession();
    const { actionToken } = await this.backend.triggerAction({
      sessionToken,
      actionType: 'login',
      ipAddress: ip,
      userAgent,
    });

    return actionToken;
  }

  /** Reports a login and waits up to 10 s for its recommendation. */
  async decide(ip: string, userAgent = CHROME_USER_AGENT): Promise<Recommendation> {
    const actionToken = await this.login(ip, userAgent);

    return this.backend.getRecommendation(actionToken, { waitMs: 10_000, serverWaitMs: 5_000 });
  }
}

/** Reads `vigil.recommendation.issued.v1` from its end, collecting payloads by action id. */
export class IssuedRecommendations {
  readonly payloads = new Map<string, Record<string, unknown>>();
  private readonly consumer;

  constructor(kafka: Kafka, groupId: string) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  }

  async start(): Promise<void> {
    let joined = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [Topics.recommendationIssued], fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value!.toString('utf8'));
        this.payloads.set(envelope.payload.action_id, envelope.payload);
      },
    });
    const deadline = Date.now() + 30_000;
    while (!joined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
