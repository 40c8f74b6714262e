import { loadBenchSettings } from './bench.settings';
import { benchInfrastructure } from './bench.stack';

describe('benchInfrastructure', () => {
  it('replaces the MongoDB and Redis databases', () => {
    const settings = loadBenchSettings({ BENCH_REDIS_DB: '12' });

    const infrastructure = benchInfrastructure(settings, {
      MONGODB_URI: 'mongodb://127.0.0.1:27017/vigil',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9094',
    });

    expect(infrastructure.mongoUri).toBe('mongodb://127.0.0.1:27017/vigil_bench');
    expect(infrastructure.redisUrl).toBe('redis://127.0.0.1:6379/12');
    expect(infrastructure.kafkaBrokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
  });
});
