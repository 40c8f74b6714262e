import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { Topics, TopicName } from '@vigil/contracts';
import { BatchConsumerOptions } from '@vigil/messaging';

/**
 * The consumer group of the session service. Each instance runs two consumers in it, one for
 * telemetry and one for session activity, and the group gives partition p of both topics to the
 * same instance. All writes of one device session then happen in one process, whose write lock
 * serializes them, so the service scales out up to the topics' partition count.
 */
export const SESSION_CONSUMER_GROUP = 'vigil-session';

/** Topics of the group. Records of both are keyed by session id. */
export const SESSION_TOPICS: TopicName[] = [
  Topics.telemetryRecorded,
  Topics.sessionActivityRecorded,
];

/** Identity of this process among the session service instances in the group. */
@Injectable()
export class SessionInstance {
  readonly id = randomUUID();

  /** Returns the options that make a consumer this instance's consumer of `topic` in the group. */
  consumerOf(topic: TopicName): Pick<BatchConsumerOptions, 'groupId' | 'topics' | 'coPartitioned'> {
    return {
      groupId: SESSION_CONSUMER_GROUP,
      topics: SESSION_TOPICS,
      coPartitioned: { instanceId: this.id, topic },
    };
  }
}

/** Module that provides the instance identity to both consumers of the group. */
@Global()
@Module({ providers: [SessionInstance], exports: [SessionInstance] })
export class SessionConsumerGroupModule {}
