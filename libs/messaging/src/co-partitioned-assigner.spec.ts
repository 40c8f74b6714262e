import { AssignerProtocol, Cluster } from 'kafkajs';
import {
  assignCoPartitioned,
  CO_PARTITIONED_PROTOCOL,
  coPartitionedAssigner,
  CoPartitionedMember,
  decodeMember,
  encodeMemberData,
  partitionCountProblem,
} from './co-partitioned-assigner';

const TELEMETRY = 'telemetry';
const ACTIVITY = 'activity';
const COUNTS = { [TELEMETRY]: 6, [ACTIVITY]: 6 };

function instance(instanceId: string): CoPartitionedMember[] {
  return [
    { memberId: `${instanceId}-t`, instanceId, topic: TELEMETRY },
    { memberId: `${instanceId}-a`, instanceId, topic: ACTIVITY },
  ];
}

describe(assignCoPartitioned.name, () => {
  it('gives partition p of both topics to one instance', () => {
    const assignment = assignCoPartitioned([...instance('b'), ...instance('a')], COUNTS);

    expect(assignment.get('a-t')).toEqual({ [TELEMETRY]: [0, 2, 4] });
    expect(assignment.get('a-a')).toEqual({ [ACTIVITY]: [0, 2, 4] });
    expect(assignment.get('b-t')).toEqual({ [TELEMETRY]: [1, 3, 5] });
    expect(assignment.get('b-a')).toEqual({ [ACTIVITY]: [1, 3, 5] });
  });

  it('gives everything to the one instance left', () => {
    const assignment = assignCoPartitioned(instance('b'), COUNTS);

    expect(assignment.get('b-t')).toEqual({ [TELEMETRY]: [0, 1, 2, 3, 4, 5] });
    expect(assignment.get('b-a')).toEqual({ [ACTIVITY]: [0, 1, 2, 3, 4, 5] });
  });

  it('skips an instance with a missing consumer', () => {
    const halfJoined: CoPartitionedMember = { memberId: 'c-t', instanceId: 'c', topic: TELEMETRY };
    const assignment = assignCoPartitioned([...instance('a'), halfJoined], COUNTS);

    expect(assignment.get('c-t')).toEqual({});
    expect(assignment.get('a-t')).toEqual({ [TELEMETRY]: [0, 1, 2, 3, 4, 5] });
  });

  it('assigns nothing while no instance is complete', () => {
    const assignment = assignCoPartitioned(
      [{ memberId: 'a-t', instanceId: 'a', topic: TELEMETRY }],
      COUNTS,
    );

    expect(assignment.get('a-t')).toEqual({});
  });

  it('uses one member per topic and instance', () => {
    const rejoined: CoPartitionedMember = { memberId: 'a-t2', instanceId: 'a', topic: TELEMETRY };
    const assignment = assignCoPartitioned([...instance('a'), rejoined], COUNTS);

    expect(assignment.get('a-t')).toEqual({ [TELEMETRY]: [0, 1, 2, 3, 4, 5] });
    expect(assignment.get('a-t2')).toEqual({});
  });

  it('assigns nothing on different partition counts', () => {
    const assignment = assignCoPartitioned(instance('a'), { [TELEMETRY]: 12, [ACTIVITY]: 6 });

    expect(assignment.get('a-t')).toEqual({});
    expect(assignment.get('a-a')).toEqual({});
  });
});

describe(partitionCountProblem.name, () => {
  it('names each count when they differ', () => {
    expect(partitionCountProblem({ [TELEMETRY]: 12, [ACTIVITY]: 6 })).toMatch(
      /^invalid partition counts for co-partitioned topics: activity has 6, telemetry has 12\./,
    );
  });

  it('finds nothing when they match', () => {
    expect(partitionCountProblem(COUNTS)).toBeUndefined();
  });
});

function metadata(userData: Buffer): Buffer {
  return AssignerProtocol.MemberMetadata.encode({ version: 1, topics: [TELEMETRY], userData });
}

describe('member data', () => {
  it('round-trips the instance and topic', () => {
    expect(decodeMember('m', metadata(encodeMemberData('i', TELEMETRY)))).toEqual({
      memberId: 'm',
      instanceId: 'i',
      topic: TELEMETRY,
    });
  });

  it.each([
    ['no user data', metadata(Buffer.alloc(0))],
    ['another format', metadata(Buffer.from('{"instance_id":1}'))],
    ['no JSON', metadata(Buffer.from('not json'))],
    ['metadata that is not the kafkajs format', Buffer.from([1])],
  ])('ignores a member with %s', (_, memberMetadata) => {
    expect(decodeMember('m', memberMetadata)).toBeUndefined();
  });
});

describe(coPartitionedAssigner.name, () => {
  const cluster = {
    findTopicPartitionMetadata: (topic: string) =>
      Array.from({ length: COUNTS[topic as keyof typeof COUNTS] }, (_, partitionId) => ({
        partitionId,
      })),
  } as unknown as Cluster;

  function member(memberId: string, instanceId: string, topic: string) {
    const assigner = coPartitionedAssigner(instanceId, topic, [TELEMETRY, ACTIVITY])({
      cluster,
      groupId: 'g',
      logger: undefined as never,
    });
    const { name, metadata } = assigner.protocol({ topics: [TELEMETRY, ACTIVITY] });

    return { assigner, name, member: { memberId, memberMetadata: metadata } };
  }

  it('assigns through the kafkajs protocol', async () => {
    const telemetry = member('a-t', 'a', TELEMETRY);
    const activity = member('a-a', 'a', ACTIVITY);
    const foreign = { memberId: 'x', memberMetadata: Buffer.alloc(0) };

    const encoded = await telemetry.assigner.assign({
      members: [telemetry.member, activity.member, foreign],
      topics: [TELEMETRY, ACTIVITY],
    });
    const decoded = Object.fromEntries(
      encoded.map(({ memberId, memberAssignment }) => [
        memberId,
        AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment,
      ]),
    );

    expect(telemetry.name).toBe(CO_PARTITIONED_PROTOCOL);
    expect(activity.name).toBe(CO_PARTITIONED_PROTOCOL);
    expect(decoded).toEqual({
      'a-t': { [TELEMETRY]: [0, 1, 2, 3, 4, 5] },
      'a-a': { [ACTIVITY]: [0, 1, 2, 3, 4, 5] },
      x: {},
    });
  });

  it('reports different partition counts to every member', async () => {
    const uneven = {
      findTopicPartitionMetadata: (topic: string) =>
        Array.from({ length: topic === TELEMETRY ? 6 : 3 }, (_, partitionId) => ({ partitionId })),
    } as unknown as Cluster;
    const reported: (string | undefined)[] = [];
    const logged: string[] = [];
    const assigner = coPartitionedAssigner('a', TELEMETRY, [TELEMETRY, ACTIVITY], (problem) =>
      reported.push(problem),
    )({
      cluster: uneven,
      groupId: 'g',
      logger: { error: (message: string) => logged.push(message) } as never,
    });

    const { metadata } = assigner.protocol({ topics: [TELEMETRY, ACTIVITY] });
    const encoded = await assigner.assign({
      members: [{ memberId: 'a-t', memberMetadata: metadata }],
      topics: [TELEMETRY, ACTIVITY],
    });

    expect(reported).toEqual([expect.stringContaining('activity has 3, telemetry has 6')]);
    expect(logged).toEqual(reported);
    expect(
      AssignerProtocol.MemberAssignment.decode(encoded[0].memberAssignment)?.assignment,
    ).toEqual({});
  });

  it('reports matching partition counts as no problem', () => {
    const reported: (string | undefined)[] = [];
    const assigner = coPartitionedAssigner('a', TELEMETRY, [TELEMETRY, ACTIVITY], (problem) =>
      reported.push(problem),
    )({ cluster, groupId: 'g', logger: undefined as never });

    assigner.protocol({ topics: [TELEMETRY, ACTIVITY] });

    expect(reported).toEqual([undefined]);
  });
});
