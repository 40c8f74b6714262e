import { BatchConsumerOptions, MessagingLifecycle } from '@vigil/messaging';
import { ActivityBatchHandler } from './activity-batch.handler';
import {
  ACTIVITY_CONSUMER_GROUP,
  ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY,
  ActivityConsumer,
} from './activity.consumer';

type ConsumerOptions = Omit<BatchConsumerOptions, 'maxAttempts'>;

function createdOptions(handler: Pick<ActivityBatchHandler, 'handle'>): ConsumerOptions {
  const created: ConsumerOptions[] = [];
  const messaging = {
    createConsumer: (options: ConsumerOptions) => created.push(options),
  } as unknown as MessagingLifecycle;
  new ActivityConsumer(messaging, handler as ActivityBatchHandler).onModuleInit();
  expect(created).toHaveLength(1);

  return created[0];
}

describe(ActivityConsumer.name, () => {
  it('applies several partitions at once', () => {
    const options = createdOptions({ handle: async () => undefined });

    expect(options.groupId).toBe(ACTIVITY_CONSUMER_GROUP);
    expect(options.partitionsConsumedConcurrently).toBe(ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY);
    expect(ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY).toBeGreaterThan(1);
  });

  it('hands each batch to the batch handler', async () => {
    const handled: unknown[] = [];
    const options = createdOptions({ handle: async (events) => void handled.push(events) });

    await options.handler([]);

    expect(handled).toEqual([[]]);
  });
});
