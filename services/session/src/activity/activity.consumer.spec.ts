import { Topics } from '@vigil/contracts';
import { BatchConsumerOptions, MessagingLifecycle } from '@vigil/messaging';
import { SESSION_CONSUMER_GROUP, SESSION_TOPICS, SessionInstance } from '../session-consumer-group';
import { ActivityBatchHandler } from './activity-batch.handler';
import { ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY, ActivityConsumer } from './activity.consumer';

type ConsumerOptions = Omit<BatchConsumerOptions, 'maxAttempts'>;

function createdOptions(
  handler: Pick<ActivityBatchHandler, 'handle'>,
  instance = new SessionInstance(),
): ConsumerOptions {
  const created: ConsumerOptions[] = [];
  const messaging = {
    createConsumer: (options: ConsumerOptions) => created.push(options),
  } as unknown as MessagingLifecycle;
  new ActivityConsumer(messaging, handler as ActivityBatchHandler, instance).onModuleInit();
  expect(created).toHaveLength(1);

  return created[0];
}

describe(ActivityConsumer.name, () => {
  it('applies several partitions at once', () => {
    const options = createdOptions({ handle: async () => undefined });

    expect(options.partitionsConsumedConcurrently).toBe(ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY);
    expect(ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY).toBeGreaterThan(1);
  });

  it("is the instance's activity consumer in the co-partitioned session group", () => {
    const instance = new SessionInstance();
    const options = createdOptions({ handle: async () => undefined }, instance);

    expect(options.groupId).toBe(SESSION_CONSUMER_GROUP);
    expect(options.topics).toEqual(SESSION_TOPICS);
    expect(options.coPartitioned).toEqual({
      instanceId: instance.id,
      topic: Topics.sessionActivityRecorded,
    });
  });

  it('hands each batch to the batch handler', async () => {
    const handled: unknown[] = [];
    const options = createdOptions({ handle: async (events) => void handled.push(events) });

    await options.handler([]);

    expect(handled).toEqual([[]]);
  });
});
