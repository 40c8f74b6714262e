/**
 * Errors that mean a server the consumer depends on is unreachable, not that the record is bad.
 * A record that fails with one of these is retried until the server is back and never goes to
 * the dead-letter topic.
 */
const INFRASTRUCTURE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongooseServerSelectionError',
  'MaxRetriesPerRequestError',
  'KafkaJSConnectionError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSRequestTimeoutError',
]);

const INFRASTRUCTURE_MESSAGES = [/Connection is closed/i, /ECONNREFUSED/, /ECONNRESET/];

/** Returns whether `error` is an outage of Kafka, MongoDB or Redis rather than a bad record. */
export function isInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  if (INFRASTRUCTURE_ERROR_NAMES.has(error.name)) {
    return true;
  }

  return INFRASTRUCTURE_MESSAGES.some((pattern) => pattern.test(error.message));
}
