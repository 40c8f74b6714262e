// Counts, inside a service, the MongoDB commands it sends by command name, and the statements of
// its update commands (one update command per bulkWrite of updates). It also counts the Kafka
// batches its consumers handle: per group and topic the batches, the records, and the distinct record keys
// of each batch summed. That sum is the number of device-session writes that one write per
// session per batch allows. The benchmark loads this file into the session service with
// `node --require`, so the service code stays unchanged. The totals are written as JSON to
// BENCH_STORE_COUNTS_FILE every second while they change.
const { writeFileSync, renameSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const file = process.env.BENCH_STORE_COUNTS_FILE;
if (file) {
  const mongodbPath = require.resolve('mongodb', {
    paths: [path.dirname(require.resolve('mongoose'))],
  });
  const { MongoClient } = require(mongodbPath);
  const totals = { commands: {}, update_statements: 0, consumer_batches: {} };
  let changed = true;

  const { Kafka } = require('kafkajs');
  const createConsumer = Kafka.prototype.consumer;
  Kafka.prototype.consumer = function consumerWithCounter(config) {
    const consumer = createConsumer.call(this, config);
    const run = consumer.run.bind(consumer);
    consumer.run = (options) => {
      const eachBatch = options.eachBatch;
      if (!eachBatch) {
        return run(options);
      }

      return run({
        ...options,
        eachBatch: async (payload) => {
          const group = (totals.consumer_batches[`${config.groupId}/${payload.batch.topic}`] ??= {
            batches: 0,
            records: 0,
            session_batches: 0,
          });
          const keys = new Set(payload.batch.messages.map((message) => String(message.key)));
          group.batches += payload.batch.messages.length > 0 ? 1 : 0;
          group.records += payload.batch.messages.length;
          group.session_batches += keys.size;
          changed = true;

          return eachBatch(payload);
        },
      });
    };

    return consumer;
  };

  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function connectWithCounter(...args) {
    this.monitorCommands = true;
    this.on('commandStarted', (event) => {
      totals.commands[event.commandName] = (totals.commands[event.commandName] ?? 0) + 1;
      if (event.commandName === 'update') {
        totals.update_statements += event.command.updates?.length ?? 0;
      }
      changed = true;
    });

    return connect.apply(this, args);
  };

  mkdirSync(path.dirname(file), { recursive: true });
  const flush = () => {
    if (!changed) {
      return;
    }
    changed = false;
    writeFileSync(`${file}.tmp`, JSON.stringify(totals));
    renameSync(`${file}.tmp`, file);
  };
  setInterval(flush, 1_000).unref();
  process.on('exit', flush);
}
