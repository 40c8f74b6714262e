import { describe, KubernetesObject } from './kustomize-build';
import { ConsumerBinding, partitionsOf, targetsOf } from './kubernetes-checks';
import { mainContainer, ofKind, podLabels, podSpec, selects } from './kubernetes-objects';

// Checks of the objects that scale, stop and evict a service's pods.

type Json = Record<string, unknown>;

/**
 * Checks that a service with consumers scales on their lag through one KEDA ScaledObject, and a
 * service without consumers through one HorizontalPodAutoscaler. Either way the Deployment leaves
 * `replicas` unset, because an apply would otherwise reset the count the autoscaler chose.
 */
export function autoscalingProblems(
  objects: KubernetesObject[],
  deployment: KubernetesObject,
  consumers: ConsumerBinding[],
  env: Record<string, string>,
  offsetResetPolicy: string,
): string[] {
  const problems: string[] = [];
  if ((deployment.spec as Json).replicas !== undefined) {
    problems.push(`${describe(deployment)} sets replicas, which its autoscaler owns`);
  }
  const hpas = targetsOf(objects, 'HorizontalPodAutoscaler', deployment);
  const scaledObjects = targetsOf(objects, 'ScaledObject', deployment);
  const expected = consumers.length > 0 ? [0, 1] : [1, 0];
  if (hpas.length !== expected[0] || scaledObjects.length !== expected[1]) {
    const autoscaler = consumers.length > 0 ? 'one ScaledObject' : 'one HorizontalPodAutoscaler';
    problems.push(`${describe(deployment)} needs ${autoscaler} and no other autoscaler`);

    return problems;
  }
  for (const hpa of hpas) {
    problems.push(...replicaRangeProblems(hpa, 'minReplicas', 'maxReplicas', Infinity));
  }
  for (const scaledObject of scaledObjects) {
    problems.push(...triggerProblems(scaledObject, consumers, env, offsetResetPolicy));
    const cap = partitionCap(consumers);
    problems.push(...replicaRangeProblems(scaledObject, 'minReplicaCount', 'maxReplicaCount', cap));
  }

  return problems;
}

/**
 * Returns the number of pods past which no consumer of the service gets another partition: the
 * largest partition count among its topics. A pod beyond the count of a smaller topic still
 * works for the larger ones, and its consumer of the smaller topic stays idle.
 */
export function partitionCap(consumers: ConsumerBinding[]): number {
  return Math.max(...consumers.map((consumer) => partitionsOf(consumer.topic) ?? 0));
}

function replicaRangeProblems(
  object: KubernetesObject,
  minField: string,
  maxField: string,
  cap: number,
) {
  const spec = object.spec as Json;
  const [min, max] = [Number(spec[minField]), Number(spec[maxField])];
  if (!(min >= 1 && min <= max)) {
    return [
      `${describe(object)}: ${minField} ${min} must be at least 1 and at most ${maxField} ${max}`,
    ];
  }

  return max > cap ? [`${describe(object)}: ${maxField} ${max} exceeds the cap of ${cap}`] : [];
}

/** Checks for one kafka trigger per consumer group and topic of the code, on the same brokers. */
function triggerProblems(
  scaledObject: KubernetesObject,
  consumers: ConsumerBinding[],
  env: Record<string, string>,
  offsetResetPolicy: string,
): string[] {
  const triggers = ((scaledObject.spec as Json).triggers as Json[]).map(
    (trigger): Record<string, string> => ({
      type: String(trigger.type),
      ...(trigger.metadata as Record<string, string>),
    }),
  );
  const inManifest = triggers.map((trigger) => `${trigger.consumerGroup} ${trigger.topic}`).sort();
  const inCode = consumers.map((consumer) => `${consumer.group} ${consumer.topic}`).sort();
  const problems =
    JSON.stringify(inManifest) === JSON.stringify(inCode)
      ? []
      : [
          `${describe(scaledObject)} scales on ${inManifest.join(', ')}; the code consumes ${inCode.join(', ')}`,
        ];
  for (const trigger of triggers) {
    if (trigger.type !== 'kafka' || trigger.bootstrapServers !== env.KAFKA_BROKERS) {
      problems.push(`${describe(scaledObject)}: a trigger must be kafka on ${env.KAFKA_BROKERS}`);
    }
    if (trigger.offsetResetPolicy !== offsetResetPolicy || !/^\d+$/.test(trigger.lagThreshold)) {
      problems.push(
        `${describe(scaledObject)}: a trigger needs offsetResetPolicy ${offsetResetPolicy} and an integer lagThreshold`,
      );
    }
  }

  return problems;
}

/**
 * Checks for one PodDisruptionBudget that lets a pod be evicted, and for a grace period longer than
 * the preStop pause plus the service's own shutdown deadline, since the grace period starts with
 * preStop.
 */
export function disruptionProblems(
  objects: KubernetesObject[],
  deployment: KubernetesObject,
  shutdownTimeoutSeconds: number,
): string[] {
  const problems: string[] = [];
  const budgets = ofKind(objects, 'PodDisruptionBudget').filter((budget) =>
    selects(((budget.spec as Json).selector as Json).matchLabels, podLabels(deployment)),
  );
  if (budgets.length !== 1 || !(Number((budgets[0]?.spec as Json).maxUnavailable) >= 1)) {
    problems.push(`${describe(deployment)} needs one PodDisruptionBudget with maxUnavailable >= 1`);
  }
  const grace = Number(podSpec(deployment).terminationGracePeriodSeconds);
  const preStop = (mainContainer(deployment).lifecycle as Json | undefined)?.preStop as Json;
  const pause = Number(
    ((preStop?.exec as Json | undefined)?.command as string[] | undefined)?.[1] ?? 0,
  );
  if (!(grace > pause + shutdownTimeoutSeconds)) {
    problems.push(
      `${describe(deployment)}: terminationGracePeriodSeconds ${grace} must exceed the preStop ` +
        `pause ${pause} s plus the shutdown deadline ${shutdownTimeoutSeconds} s`,
    );
  }

  return problems;
}
