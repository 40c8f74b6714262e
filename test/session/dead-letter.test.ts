import { deadLetterTopic, Topics } from '@vigil/contracts';
import { SESSION_CONSUMER_GROUP } from '../../services/session/src/session-consumer-group';
import { closeFixtures } from '../support/fixtures';
import {
  connectKafka,
  newSessionIds,
  rbaClients,
  sessionStarted,
  waitForItems,
  waitForSession,
  waitUntilConsuming,
} from './session-harness';

const ACTIVITY = Topics.sessionActivityRecorded;
const ACTIVITY_DEAD_LETTERS = deadLetterTopic(ACTIVITY);

let kafka: Awaited<ReturnType<typeof connectKafka>>;

beforeAll(async () => {
  kafka = await connectKafka([ACTIVITY_DEAD_LETTERS]);
  await waitUntilConsuming(kafka.producer);
});

afterAll(async () => {
  await kafka.close();
  await closeFixtures();
});

describe('activity consumer', () => {
  it('dead-letters a record that is not JSON and applies the next one', async () => {
    const ids = newSessionIds();
    const poison = Buffer.from(`{"type":"session.started","session_id":"${ids.sessionId}"`);
    const start = sessionStarted(ids, rbaClients()[9]);

    // One request, one key: both records land on one partition, the poison record first.
    await kafka.producer.send({
      topic: ACTIVITY,
      acks: -1,
      messages: [
        { key: ids.sessionId, value: poison },
        { key: ids.sessionId, value: JSON.stringify(start) },
      ],
    });
    const session = await waitForSession(ids.sessionId, () => true, 'the valid record');
    const [letter] = await waitForItems(
      () =>
        kafka.recorder.records.filter(
          (record) => record.topic === ACTIVITY_DEAD_LETTERS && record.key === ids.sessionId,
        ),
      'the dead letter',
    );

    expect(session.started_at).toEqual(new Date(start.received_at));
    expect(letter.value).toEqual(poison);
    expect(letter.headers.dead_letter_source_topic).toBe(ACTIVITY);
    expect(letter.headers.dead_letter_consumer_group).toBe(SESSION_CONSUMER_GROUP);
    expect(letter.headers.dead_letter_reason).toContain('not JSON');
  });
});
