import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { Logger } from 'pino';
import { InfrastructureSettings, kafkaBrokerList } from '@vigil/config';

const PINO_LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Creates a kafkajs client whose own log lines go through pino as structured fields. */
export function createKafka(
  settings: InfrastructureSettings,
  service: string,
  logger: Logger,
): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });

  return new Kafka({
    clientId: `${settings.KAFKA_CLIENT_ID}-${service}`,
    brokers: kafkaBrokerList(settings),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...fields } = log;
        kafkaLogger[PINO_LEVELS[level] ?? 'info']({ namespace, ...fields }, message);
      },
  });
}
