import IORedis from 'ioredis';
import mongoose from 'mongoose';
import { Topics } from '@vigil/contracts';
import { InfrastructureSettings, loadSettings } from '@vigil/config';
import { mongoPingCheck, redisPingCheck } from '@vigil/observability';
import { testKafka } from '../support/fixtures';
import { loadStackEnvironment, TEST_PORTS } from '../support/stack';
import { waitFor } from './ops-helpers';

loadStackEnvironment();
const settings = loadSettings(InfrastructureSettings);

/** A loopback port where nothing listens, standing for a server that is down. */
const CLOSED_PORT = 1;

describe(mongoPingCheck.name, () => {
  it('passes against the running MongoDB', async () => {
    const connection = await mongoose.createConnection(settings.MONGODB_URI).asPromise();
    try {
      expect(await mongoPingCheck(connection)()).toBeUndefined();
    } finally {
      await connection.close();
    }
  });

  it('fails when the connection is closed', async () => {
    const connection = await mongoose.createConnection(settings.MONGODB_URI).asPromise();
    await connection.close();

    expect(await mongoPingCheck(connection)()).toMatch(/^mongodb connection is not open/);
  });
});

describe(redisPingCheck.name, () => {
  it('passes against the running Redis', async () => {
    const redis = new IORedis(settings.REDIS_URL);
    try {
      await waitFor(() => redis.status === 'ready', 5_000);

      expect(await redisPingCheck(redis)()).toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });

  it('fails when Redis cannot be reached', async () => {
    const redis = new IORedis({ host: '127.0.0.1', port: CLOSED_PORT, lazyConnect: true });
    try {
      await redis.connect().catch(() => undefined);

      expect(await redisPingCheck(redis)()).toMatch(/^redis connection is /);
    } finally {
      redis.disconnect();
    }
  });
});

describe('vigil_dead_letter_records_total', () => {
  it('counts a poison record by its source topic', async () => {
    const topic = Topics.sessionActivityRecorded;
    const series = `vigil_dead_letter_records_total{topic="${topic}"}`;
    const scrape = async () => {
      const text = await (await fetch(`http://127.0.0.1:${TEST_PORTS.session}/metrics`)).text();
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));

      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const before = await scrape();
    const producer = testKafka().producer();
    await producer.connect();

    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'ops-poison', value: '{"type":' }],
      });
      const counted = await waitFor(async () => (await scrape()) > before, 20_000);

      expect(counted).toBe(true);
    } finally {
      await producer.disconnect();
    }
  });
});
