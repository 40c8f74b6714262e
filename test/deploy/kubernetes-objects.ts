import { Namespace, ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { describe, KubernetesObject, podContainers } from './kustomize-build';

// Lookups in a built set of Kubernetes objects, shared by the checks of kubernetes-checks.ts.

type Json = Record<string, unknown>;
type Model = new (data: never) => { validate(): void };

/** Schema model of each kind that deploy/k8s may contain, by `apiVersion/kind`. */
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

/**
 * Validates each object against the JSON schema of its kind (kubernetes-models 4.5 and
 * @kubernetes-models/keda 0.4) and returns one line per invalid object. The schemas accept
 * fields they do not list, so a misspelt field passes here and is caught by the checks that
 * read it.
 */
export function schemaProblems(objects: KubernetesObject[]): string[] {
  return objects.flatMap((object) => {
    const model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!model) {
      return [`${describe(object)}: no schema for ${object.apiVersion} ${object.kind}`];
    }
    try {
      new model(object as never).validate();

      return [];
    } catch (error) {
      return [`${describe(object)}: ${(error as Error).message}`];
    }
  });
}

/** Returns the objects of one kind. */
export function ofKind(objects: KubernetesObject[], kind: string): KubernetesObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** Returns the object of `kind` named `name`, or undefined. */
export function named(objects: KubernetesObject[], kind: string, name: string) {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

/** Returns the Deployments labelled `app.kubernetes.io/component: <service>`. */
export function deploymentsOf(objects: KubernetesObject[], service: string) {
  return ofKind(objects, 'Deployment').filter(
    (object) => object.metadata.labels?.['app.kubernetes.io/component'] === service,
  );
}

export function podSpec(deployment: KubernetesObject): Json {
  return ((deployment.spec as Json).template as Json).spec as Json;
}

export function podLabels(deployment: KubernetesObject): Record<string, string> {
  const metadata = ((deployment.spec as Json).template as Json).metadata as Json | undefined;

  return (metadata?.labels as Record<string, string> | undefined) ?? {};
}

export function podAnnotations(deployment: KubernetesObject): Record<string, string> {
  const metadata = ((deployment.spec as Json).template as Json).metadata as Json | undefined;

  return (metadata?.annotations as Record<string, string> | undefined) ?? {};
}

/** Returns the first container of a Deployment, the one that runs the service. */
export function mainContainer(deployment: KubernetesObject): Json {
  return podContainers(deployment)[0] ?? {};
}

/** Returns whether every label of `selector` is on the pods. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const entries = Object.entries((selector as Record<string, string> | undefined) ?? {});

  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/**
 * Environment of a container as its process receives it: the ConfigMaps and Secrets of its
 * envFrom, then its env entries. A Secret missing from `objects` is looked up in `fallback`,
 * because the production overlay expects Secrets created outside the build with the keys of
 * the base's example Secrets.
 */
export function containerEnvironment(
  objects: KubernetesObject[],
  container: Json,
  fallback: KubernetesObject[],
): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const source = (kind: string, name: string): Record<string, string> | undefined => {
    const object = named(objects, kind, name) ?? named(fallback, kind, name);
    if (!object) {
      problems.push(`container ${String(container.name)} reads the missing ${kind} ${name}`);
    }

    return object && dataOf(object);
  };
  for (const entry of (container.envFrom as Json[] | undefined) ?? []) {
    const reference = (entry.configMapRef ?? entry.secretRef) as Json;
    Object.assign(
      values,
      source(entry.configMapRef ? 'ConfigMap' : 'Secret', String(reference.name)),
    );
  }
  for (const entry of (container.env as Json[] | undefined) ?? []) {
    const from = entry.valueFrom as Json | undefined;
    const reference = (from?.configMapKeyRef ?? from?.secretKeyRef) as Json | undefined;
    if (reference) {
      const data = source(from?.configMapKeyRef ? 'ConfigMap' : 'Secret', String(reference.name));
      values[String(entry.name)] = data?.[String(reference.key)] ?? '';
    } else {
      values[String(entry.name)] = String(entry.value ?? '');
    }
  }

  return { values, problems };
}

/** Data of a ConfigMap, or of a Secret with its base64 `data` decoded. */
export function dataOf(object: KubernetesObject): Record<string, string> {
  const decoded = Object.fromEntries(
    Object.entries((object.data as Record<string, string> | undefined) ?? {}).map(
      ([key, value]) => [
        key,
        object.kind === 'Secret' ? Buffer.from(value, 'base64').toString() : value,
      ],
    ),
  );

  return { ...decoded, ...((object.stringData as Record<string, string> | undefined) ?? {}) };
}

/** Returns the container port that a probe or Service names by port name or number. */
export function resolvePort(container: Json, port: unknown): number | undefined {
  if (typeof port === 'number') {
    return port;
  }
  const match = ((container.ports as Json[] | undefined) ?? []).find(
    (entry) => entry.name === port,
  );

  return match ? Number(match.containerPort) : undefined;
}

/** CPU in millicores or memory in bytes, from a Kubernetes quantity such as `250m` or `1Gi`. */
export function parseQuantity(resource: 'cpu' | 'memory', quantity: unknown): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(quantity));
  if (!match) {
    return Number.NaN;
  }
  const factors: Record<string, number> = {
    m: resource === 'cpu' ? 1 : 1e-3,
    '': resource === 'cpu' ? 1000 : 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };

  return Number(match[1]) * factors[match[2] ?? ''];
}
