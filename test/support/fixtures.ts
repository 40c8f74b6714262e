import { Kafka, logLevel } from 'kafkajs';
import mongoose, { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { InfrastructureSettings, kafkaBrokerList, loadSettings } from '@vigil/config';
import { DeviceSession, DeviceSessionSchema } from '@vigil/persistence';
import {
  ProvisionedApplication,
  provisionApplication,
  provisioningModels,
} from '../../services/gateway/src/credentials/tenant-provisioning';
import { loadStackEnvironment } from './stack';

loadStackEnvironment();
const settings = loadSettings(InfrastructureSettings);

let connection: Connection | undefined;

/** Opens one MongoDB connection per test file, which `closeFixtures` closes. */
export async function database(): Promise<Connection> {
  connection ??= await mongoose.createConnection(settings.MONGODB_URI).asPromise();

  return connection;
}

export async function closeFixtures(): Promise<void> {
  await connection?.close();
  connection = undefined;
}

/** Creates a tenant of its own for a test, so tests never see each other's data. */
export async function createTenant(name = 'test'): Promise<ProvisionedApplication> {
  const db = await database();

  return provisionApplication(provisioningModels(db), {
    tenantName: `${name}-${randomUUID().slice(0, 8)}`,
    applicationName: 'tests',
  });
}

export async function findDeviceSession(sessionId: string): Promise<DeviceSession | null> {
  const db = await database();

  return db.model(DeviceSession.name, DeviceSessionSchema).findById(sessionId).lean();
}

/**
 * Returns a Kafka client of the test stack. `level` NOTHING suits a test that makes groups
 * rebalance on purpose, since kafkajs logs each rebalance seen in a heartbeat as an error.
 */
export function testKafka(level: logLevel = logLevel.ERROR): Kafka {
  return new Kafka({
    clientId: `vigil-test-${randomUUID().slice(0, 8)}`,
    brokers: kafkaBrokerList(settings),
    logLevel: level,
  });
}

/** Sums the high watermarks of a topic's partitions: it grows by one per record written. */
export async function topicEndOffset(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);

    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
