import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadSettings } from '@vigil/config';
import { DEFAULT_PARTITIONS, Topics, TopicName } from '@vigil/contracts';
import { requiredSettings, SettingsClass, settingNames } from './compose-file';
import { describe, KubernetesObject } from './kustomize-build';
import {
  mainContainer,
  ofKind,
  parseQuantity,
  podAnnotations,
  podLabels,
  podSpec,
  resolvePort,
  selects,
} from './kubernetes-objects';

// Checks of one service's objects against its code. Each returns one line per problem, so a test
// expects an empty list and a failure prints every mismatch at once.

type Json = Record<string, unknown>;

/** What the code of one service defines. */
export interface ServiceCode {
  /** Folder under services/, also the `app.kubernetes.io/component` label. */
  name: string;
  schema: SettingsClass;
  /** Non-test TypeScript source of the service. */
  source: string;
}

/** A consumer group and a topic it subscribes to. */
export interface ConsumerBinding {
  group: string;
  topic: string;
}

/** Paths of the health routes, as the health controller declares them. */
export interface HealthPaths {
  live: string;
  ready: string;
}

/** Finds variables the settings class does not read, required settings unset, invalid values. */
export function settingsProblems(service: ServiceCode, env: Record<string, string>): string[] {
  const known = settingNames(service.schema);
  const problems = Object.keys(env)
    .filter((variable) => !known.has(variable))
    .map(
      (variable) => `${service.name} sets ${variable}, which ${service.schema.name} does not read`,
    );
  for (const variable of requiredSettings(service.schema).filter((name) => !env[name])) {
    problems.push(`${service.name} leaves the required setting ${variable} unset`);
  }
  try {
    const settings = loadSettings(service.schema, env) as Record<string, unknown>;
    const dropped = Object.keys(env).filter(
      (name) => known.has(name) && settings[name] === undefined,
    );
    problems.push(...dropped.map((name) => `${service.name}: settings validation dropped ${name}`));
  } catch (error) {
    problems.push(`${service.name}: ${(error as Error).message}`);
  }
  if (env.HTTP_HOST !== '0.0.0.0') {
    problems.push(`${service.name} binds HTTP_HOST=${env.HTTP_HOST}, unreachable from the kubelet`);
  }
  const readsRedis = service.source.includes('REDIS_URL');
  if (readsRedis && env.REDIS_URL === undefined) {
    problems.push(`${service.name} reads REDIS_URL, which is unset`);
  }
  if (!readsRedis && env.REDIS_URL !== undefined) {
    problems.push(`${service.name} sets REDIS_URL, which its code never reads`);
  }

  return problems;
}

/** Checks that the container runs its service's main.js the way the image's command does. */
export function commandProblems(service: ServiceCode, container: Json, imageCommand: string[]) {
  const command = (container.command as string[] | undefined) ?? [];
  const expected = [...imageCommand.slice(0, -1), `dist/services/${service.name}/src/main.js`];

  return JSON.stringify(command) === JSON.stringify(expected)
    ? []
    : [`${service.name} runs ${JSON.stringify(command)}, expected ${JSON.stringify(expected)}`];
}

/** Checks that port, probes, scrape annotations and Service use the port the service binds. */
export function portProblems(
  objects: KubernetesObject[],
  deployment: KubernetesObject,
  httpPort: number,
  health: HealthPaths,
): string[] {
  const container = mainContainer(deployment);
  const problems: string[] = [];
  const ports = (container.ports as Json[] | undefined) ?? [];
  if (ports.length !== 1 || Number(ports[0].containerPort) !== httpPort) {
    problems.push(`${describe(deployment)} must expose exactly HTTP_PORT ${httpPort}`);
  }
  const probes: [string, string][] = [
    ['startupProbe', health.live],
    ['livenessProbe', health.live],
    ['readinessProbe', health.ready],
  ];
  for (const [probe, expectedPath] of probes) {
    const httpGet = (container[probe] as Json | undefined)?.httpGet as Json | undefined;
    if (httpGet?.path !== expectedPath || resolvePort(container, httpGet?.port) !== httpPort) {
      problems.push(`${describe(deployment)}: ${probe} must GET ${expectedPath} on ${httpPort}`);
    }
  }
  const annotations = podAnnotations(deployment);
  const scrape = [annotations['prometheus.io/scrape'], annotations['prometheus.io/path']];
  if (scrape.join(' ') !== 'true /metrics' || annotations['prometheus.io/port'] !== `${httpPort}`) {
    problems.push(`${describe(deployment)}: scrape annotations must name /metrics on ${httpPort}`);
  }
  const services = ofKind(objects, 'Service').filter((service) =>
    selects((service.spec as Json).selector, podLabels(deployment)),
  );
  const targets = services.flatMap((service) =>
    ((service.spec as Json).ports as Json[]).map((port) => resolvePort(container, port.targetPort)),
  );
  if (services.length !== 1 || targets.some((target) => target !== httpPort)) {
    problems.push(`${describe(deployment)} needs one Service whose ports target ${httpPort}`);
  }

  return problems;
}

/**
 * Finds each `createConsumer` call of a service's source and returns its group id and topics.
 * Group ids are string literals or constants of the same source, and topics are `Topics` members.
 * A call may instead spread the options of a method called with one topic, as the session
 * service's `...this.instance.consumerOf(Topics.telemetryRecorded)` does. The group id is then
 * the first `groupId` after that method's definition, and the consumer takes that one topic.
 */
export function consumersInCode(source: string): ConsumerBinding[] {
  const calls = [...source.matchAll(/createConsumer\(\{([\s\S]*?)\}\)/g)].map((match) => match[1]);

  return calls.flatMap((call) => {
    const spread = /\.\.\.[\w.]*\.(\w+)\((Topics\.\w+)\)/.exec(call);
    const options = spread ? sourceFromDefinition(source, spread[1]) : call;
    const group = /groupId:\s*(?:'([^']+)'|([A-Z_]+))/.exec(options);
    const topics = spread ? spread[2] : (/topics:\s*\[([^\]]*)\]/.exec(call)?.[1] ?? '');
    const constant = group?.[2] && new RegExp(`const ${group[2]} = '([^']+)'`).exec(source)?.[1];
    const groupId = group?.[1] ?? constant ?? `unresolved group in: ${call.trim()}`;

    return [...topics.matchAll(/Topics\.(\w+)/g)].map((topic) => ({
      group: groupId,
      topic: Topics[topic[1] as keyof typeof Topics] ?? `unknown Topics.${topic[1]}`,
    }));
  });
}

/** Returns the source from the definition of `method`, found by its typed parameter, onward. */
function sourceFromDefinition(source: string, method: string): string {
  const definition = new RegExp(`\\b${method}\\(\\w+: `).exec(source);

  return definition ? source.slice(definition.index) : '';
}

/**
 * Finds the GET routes of the Nest controllers under `directory` by reading their `@Controller`
 * and `@Get` decorators. Reading the source keeps the check free of the controllers' imports.
 */
export function controllerRoutes(directory: string): string[] {
  return readdirSync(directory).flatMap((entry): string[] => {
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) {
      return controllerRoutes(file);
    }
    const source = file.endsWith('.controller.ts') ? readFileSync(file, 'utf8') : '';
    const prefix = /@Controller\('([^']*)'\)/.exec(source)?.[1];
    if (prefix === undefined) {
      return [];
    }
    const routes = [...source.matchAll(/@Get\((?:'([^']*)')?\)/g)];

    return routes.map((route) => `/${[prefix, route[1]].filter(Boolean).join('/')}`);
  });
}

/** Returns the partition count the code creates `topic` with, or undefined for other topics. */
export function partitionsOf(topic: string): number | undefined {
  return DEFAULT_PARTITIONS[topic as TopicName];
}

/** Checks for a non-root user, a read-only root, no privilege escalation and no capabilities. */
export function securityProblems(deployment: KubernetesObject): string[] {
  const pod = (podSpec(deployment).securityContext as Json | undefined) ?? {};
  const container = mainContainer(deployment);
  const context = (container.securityContext as Json | undefined) ?? {};
  const problems: string[] = [];
  if (pod.runAsNonRoot !== true || !(Number(pod.runAsUser) > 0)) {
    problems.push(`${describe(deployment)} must run as a numeric non-root user`);
  }
  if (context.readOnlyRootFilesystem !== true || context.allowPrivilegeEscalation !== false) {
    problems.push(`${describe(deployment)} needs a read-only root and no privilege escalation`);
  }
  if (
    !((context.capabilities as Json | undefined)?.drop as string[] | undefined)?.includes('ALL')
  ) {
    problems.push(`${describe(deployment)} must drop all capabilities`);
  }

  return problems;
}

/** Returns the autoscalers of `kind` whose scaleTargetRef names `deployment`. */
export function targetsOf(objects: KubernetesObject[], kind: string, deployment: KubernetesObject) {
  return ofKind(objects, kind).filter(
    (object) => ((object.spec as Json).scaleTargetRef as Json).name === deployment.metadata.name,
  );
}

/** Checks that CPU and memory requests and limits are set and no request exceeds its limit. */
export function resourceProblems(deployment: KubernetesObject): string[] {
  const resources = (mainContainer(deployment).resources as Json | undefined) ?? {};
  const requests = (resources.requests as Json | undefined) ?? {};
  const limits = (resources.limits as Json | undefined) ?? {};

  return (['cpu', 'memory'] as const).flatMap((resource) => {
    const request = parseQuantity(resource, requests[resource]);
    const limit = parseQuantity(resource, limits[resource]);
    if (!(request > 0) || !(limit > 0)) {
      return [`${describe(deployment)} needs a ${resource} request and limit`];
    }

    return request > limit
      ? [`${describe(deployment)}: ${resource} request exceeds its limit`]
      : [];
  });
}
