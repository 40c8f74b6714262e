import { KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic, TopicName } from '@vigil/contracts';

export interface DeadLetter {
  topic: TopicName;
  partition: number;
  message: KafkaMessage;
  group: string;
  reason: string;
  attempts: number;
}

/**
 * Copies a record that could not be applied to `<topic>.dead-letter`, byte for byte, with headers
 * saying where it came from and why it failed, so it can be inspected and replayed.
 */
export class DeadLetterPublisher {
  constructor(private readonly producer: Producer) {}

  async publish(letter: DeadLetter): Promise<void> {
    const { message } = letter;
    await this.producer.send({
      topic: deadLetterTopic(letter.topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            dead_letter_source_topic: letter.topic,
            dead_letter_source_partition: String(letter.partition),
            dead_letter_source_offset: message.offset,
            dead_letter_consumer_group: letter.group,
            dead_letter_reason: letter.reason.slice(0, 2000),
            dead_letter_attempts: String(letter.attempts),
            dead_letter_at: new Date().toISOString(),
          },
        },
      ],
    });
  }
}
