import { AssignerProtocol, Cluster, PartitionAssigner } from 'kafkajs';

/** Name of the assignment protocol; every member of a co-partitioned group must offer it. */
export const CO_PARTITIONED_PROTOCOL = 'VigilCoPartitioned';

/** Member of a co-partitioned group, as it describes itself when it joins. */
export interface CoPartitionedMember {
  memberId: string;
  /** Id of the process the member runs in, shared by all consumers of that process. */
  instanceId: string;
  /** The one topic this member consumes. */
  topic: string;
}

/** Partitions per topic, for each member id. */
export type GroupAssignment = Map<string, Record<string, number[]>>;

/**
 * Assigns partition `p` of every topic to the same process. Each process runs one consumer per
 * topic in the group, and a process gets partitions only once all of its consumers have joined.
 * Partition `p` goes to the `p mod n`-th of the `n` complete processes in instance id order. The
 * result lists every member, with no partitions for the members of an incomplete process.
 *
 * Records keyed alike land on the same partition number of topics with the same partition
 * count, so all records of one key are consumed by one process and its in-process locks suffice.
 * When the counts differ, keys map to different partition numbers, so no member gets partitions
 * until they match again (see partitionCountProblem).
 */
export function assignCoPartitioned(
  members: CoPartitionedMember[],
  partitionCounts: Record<string, number>,
): GroupAssignment {
  const topics = Object.keys(partitionCounts).sort();
  const assignment: GroupAssignment = new Map(members.map((member) => [member.memberId, {}]));
  if (partitionCountProblem(partitionCounts) !== undefined) {
    return assignment;
  }
  const complete = completeInstances(members, topics);
  const partitionCount = partitionCounts[topics[0]] ?? 0;
  for (let partition = 0; partition < partitionCount && complete.length > 0; partition += 1) {
    const instance = complete[partition % complete.length];
    for (const [topic, memberId] of instance) {
      const partitions = assignment.get(memberId)!;
      (partitions[topic] ??= []).push(partition);
    }
  }

  return assignment;
}

/**
 * Returns why the topics cannot be co-partitioned, naming each topic's partition count, or
 * undefined when all counts are equal.
 */
export function partitionCountProblem(partitionCounts: Record<string, number>): string | undefined {
  const topics = Object.keys(partitionCounts).sort();
  if (new Set(topics.map((topic) => partitionCounts[topic])).size <= 1) {
    return undefined;
  }
  const listed = topics.map((topic) => `${topic} has ${partitionCounts[topic]}`).join(', ');

  return (
    `invalid partition counts for co-partitioned topics: ${listed}. Give them the same ` +
    'partition count; until then no consumer of the group gets partitions'
  );
}

/**
 * Returns the processes that have a member for every topic, in instance id order, each as a map
 * from topic to member id. When a process shows two members for one topic (a consumer rejoined
 * before its old membership timed out), the lowest member id is used.
 */
function completeInstances(
  members: CoPartitionedMember[],
  topics: string[],
): Map<string, string>[] {
  const byInstance = new Map<string, Map<string, string>>();
  for (const member of [...members].sort((a, b) => a.memberId.localeCompare(b.memberId))) {
    if (!topics.includes(member.topic)) {
      continue;
    }
    const byTopic = byInstance.get(member.instanceId) ?? new Map<string, string>();
    if (!byTopic.has(member.topic)) {
      byTopic.set(member.topic, member.memberId);
    }
    byInstance.set(member.instanceId, byTopic);
  }

  return [...byInstance.keys()]
    .sort()
    .map((instanceId) => byInstance.get(instanceId)!)
    .filter((byTopic) => byTopic.size === topics.length);
}

/** Encodes a member's instance id and topic as the user data of its join request. */
export function encodeMemberData(instanceId: string, topic: string): Buffer {
  return Buffer.from(JSON.stringify({ instance_id: instanceId, topic }));
}

/**
 * Decodes a member's instance id and topic from its join metadata. Returns undefined when the
 * metadata is not in the kafkajs format or was not written by this assigner.
 */
export function decodeMember(
  memberId: string,
  memberMetadata: Buffer,
): CoPartitionedMember | undefined {
  try {
    const userData = AssignerProtocol.MemberMetadata.decode(memberMetadata)?.userData;
    const parsed = JSON.parse(String(userData ?? ''));
    if (typeof parsed?.instance_id === 'string' && typeof parsed?.topic === 'string') {
      return { memberId, instanceId: parsed.instance_id, topic: parsed.topic };
    }
  } catch {
    // A member from another client or version gets no partitions.
  }

  return undefined;
}

/**
 * Returns a kafkajs assigner for a group whose members each consume one of `topics`. The
 * consumer created with it subscribes to all of `topics` and sends `instanceId` and `topic`.
 * Each time the consumer joins, `onPartitionCheck` receives partitionCountProblem of the topics
 * as the consumer's metadata shows them, so every member can report a mismatch.
 */
export function coPartitionedAssigner(
  instanceId: string,
  topic: string,
  topics: string[],
  onPartitionCheck: (problem: string | undefined) => void = () => undefined,
): PartitionAssigner {
  return ({ cluster, logger }) => ({
    name: CO_PARTITIONED_PROTOCOL,
    version: 1,
    async assign({ members }) {
      const partitionCounts = partitionCountsOf(cluster, topics);
      const problem = partitionCounts && partitionCountProblem(partitionCounts);
      if (problem) {
        logger.error(problem, { topics });
      }
      const announced = members.flatMap(({ memberId, memberMetadata }) => {
        const member = decodeMember(memberId, memberMetadata);

        return member ? [member] : [];
      });
      const assignment = assignCoPartitioned(announced, partitionCounts ?? {});

      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: assignment.get(memberId) ?? {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics: subscribed }) {
      const partitionCounts = partitionCountsOf(cluster, topics);
      onPartitionCheck(partitionCounts && partitionCountProblem(partitionCounts));

      return {
        name: CO_PARTITIONED_PROTOCOL,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics: subscribed,
          userData: encodeMemberData(instanceId, topic),
        }),
      };
    },
  });
}

/** Returns the partition count of each topic, or undefined while the metadata lacks one. */
function partitionCountsOf(cluster: Cluster, topics: string[]): Record<string, number> | undefined {
  try {
    return Object.fromEntries(
      topics.map((name) => [name, cluster.findTopicPartitionMetadata(name).length]),
    );
  } catch {
    // kafkajs throws until it has loaded the topic metadata.
    return undefined;
  }
}
