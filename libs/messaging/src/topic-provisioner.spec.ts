import { deadLetterTopic, DEFAULT_PARTITIONS, Topics } from '@vigil/contracts';
import { topicSpecs } from './topic-provisioner';

describe(topicSpecs.name, () => {
  it('names each topic once when a service produces and consumes it', () => {
    const specs = topicSpecs(
      [Topics.recommendationIssued, Topics.actionContextualized, Topics.recommendationIssued],
      [Topics.actionContextualized, Topics.recommendationIssued, Topics.actionContextualized],
    );
    const names = specs.map((spec) => spec.topic);

    expect(names).toEqual([
      Topics.recommendationIssued,
      Topics.actionContextualized,
      deadLetterTopic(Topics.actionContextualized),
      deadLetterTopic(Topics.recommendationIssued),
    ]);
    expect(specs[0].numPartitions).toBe(DEFAULT_PARTITIONS[Topics.recommendationIssued]);
  });
});
