import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { BenchEnvironment } from './bench.result';
import { KAFKA_VERSION } from './ceiling.scenario';
import { redisVersion } from './redis.stats';

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

async function ferretDbVersion(mongoUri: string): Promise<string> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const info = await connection.db!.admin().command({ buildInfo: 1 });

    return info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version}`;
  } finally {
    await connection.close();
  }
}

/** The command that reproduces this run: its BENCH_* settings and `npm run bench`. */
export function benchCommand(env: Record<string, string | undefined> = process.env): string {
  const settings = Object.entries(env)
    .filter(([name, value]) => name.startsWith('BENCH_') && value !== undefined && value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, value]) => `${name}=${/^[\w.,:/-]*$/.test(value!) ? value : JSON.stringify(value)}`,
    );

  return [...settings, 'npm run bench'].join(' ');
}

export async function describeEnvironment(
  mongoUri: string,
  redis: Redis,
): Promise<BenchEnvironment> {
  const processors = cpus();

  return {
    date: new Date().toISOString(),
    command: benchCommand(),
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    versions: {
      node: process.version,
      kafka: KAFKA_VERSION,
      store: await ferretDbVersion(mongoUri),
      redis: await redisVersion(redis),
      kafkajs: packageVersion('kafkajs'),
      bullmq: packageVersion('bullmq'),
      mongoose: packageVersion('mongoose'),
      autocannon: packageVersion('autocannon'),
    },
  };
}
