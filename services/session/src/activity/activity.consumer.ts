import { Injectable, OnModuleInit } from '@nestjs/common';
import { Topics } from '@vigil/contracts';
import { MessagingLifecycle } from '@vigil/messaging';
import { ActivityBatchHandler } from './activity-batch.handler';

export const ACTIVITY_CONSUMER_GROUP = 'vigil-session-activity';

/** Consumes session activity: starts, action events, action results and user changes. */
@Injectable()
export class ActivityConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    private readonly handler: ActivityBatchHandler,
  ) {}

  onModuleInit(): void {
    this.messaging.createConsumer({
      groupId: ACTIVITY_CONSUMER_GROUP,
      topics: [Topics.sessionActivityRecorded],
      handler: (events) => this.handler.handle(events),
    });
  }
}
