import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadSettings } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { parseSigningKeys } from '@vigil/tokens';
import { GatewaySettings } from '../../services/gateway/src/gateway.settings';
import { ScoringSettings } from '../../services/scoring/src/scoring.settings';
import { SessionSettings } from '../../services/session/src/session.settings';
import {
  autoscalingProblems,
  disruptionProblems,
  partitionCap,
} from '../../test/deploy/autoscaling-checks';
import { servicesInCode, SettingsClass, sourceOf } from '../../test/deploy/compose-file';
import {
  commandProblems,
  consumersInCode,
  controllerRoutes,
  HealthPaths,
  partitionsOf,
  portProblems,
  resourceProblems,
  securityProblems,
  ServiceCode,
  settingsProblems,
} from '../../test/deploy/kubernetes-checks';
import {
  containerEnvironment,
  dataOf,
  deploymentsOf,
  mainContainer,
  named,
  ofKind,
  schemaProblems,
} from '../../test/deploy/kubernetes-objects';
import {
  applyComponent,
  buildKustomization,
  KubernetesObject,
  podContainers,
} from '../../test/deploy/kustomize-build';

const REPO_ROOT = path.resolve(__dirname, '../..');
const K8S = path.join(REPO_ROOT, 'deploy/k8s');
const BASE = 'base';
const TARGETS = [
  BASE,
  ...readdirSync(path.join(K8S, 'overlays')).map((name) => `overlays/${name}`),
];
const COMPONENTS = readdirSync(path.join(K8S, 'components'));
const PLACEHOLDER_ANNOTATION = 'vigil.example/placeholder';

const SETTINGS_CLASSES: Record<string, SettingsClass> = {
  gateway: GatewaySettings,
  session: SessionSettings,
  scoring: ScoringSettings,
};

const services: ServiceCode[] = Object.entries(SETTINGS_CLASSES).map(([name, schema]) => ({
  name,
  schema,
  source: sourceOf(name),
}));

/** Paths of the health routes that libs/observability serves. */
const health: HealthPaths = { live: '/health/live', ready: '/health/ready' };

/** The Dockerfile's CMD, which starts the gateway: `node -r <register.js> <main.js>`. */
const imageCommand: string[] = (() => {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const commands = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)];

  return JSON.parse(commands[commands.length - 1][1]) as string[];
})();

/** Where the consumers start in a group without committed offsets (BatchConsumer's subscribe). */
const offsetResetPolicy = /fromBeginning:\s*true/.test(
  readFileSync(path.join(REPO_ROOT, 'libs/messaging/src/batch-consumer.ts'), 'utf8'),
)
  ? 'earliest'
  : 'latest';

const builds = new Map<string, KubernetesObject[]>();

function build(target: string): KubernetesObject[] {
  if (!builds.has(target)) {
    builds.set(target, buildKustomization(path.join(K8S, target)));
  }

  return structuredClone(builds.get(target)!);
}

function deploymentOf(objects: KubernetesObject[], name: string): KubernetesObject {
  const [deployment] = deploymentsOf(objects, name);
  if (!deployment) {
    throw new Error(`no Deployment labelled app.kubernetes.io/component: ${name}`);
  }

  return deployment;
}

function environmentOf(objects: KubernetesObject[], name: string): Record<string, string> {
  const container = mainContainer(deploymentOf(objects, name));
  const { values, problems } = containerEnvironment(objects, container, build(BASE));
  expect(problems).toEqual([]);

  return values;
}

/** Settings the checks compare with; SHUTDOWN_TIMEOUT_SECONDS is absent from older code. */
function settingsOf(service: ServiceCode, env: Record<string, string>) {
  return loadSettings(service.schema, env) as {
    HTTP_PORT: number;
    SHUTDOWN_TIMEOUT_SECONDS?: number;
  };
}

function problemsOf(objects: KubernetesObject[], service: ServiceCode): string[] {
  const deployment = deploymentOf(objects, service.name);
  const env = environmentOf(objects, service.name);
  const consumers = consumersInCode(service.source);
  const settings = settingsOf(service, env);

  return [
    ...settingsProblems(service, env),
    ...commandProblems(service, mainContainer(deployment), imageCommand),
    ...portProblems(objects, deployment, settings.HTTP_PORT, health),
    ...securityProblems(deployment),
    ...resourceProblems(deployment),
    ...autoscalingProblems(objects, deployment, consumers, env, offsetResetPolicy),
    ...disruptionProblems(objects, deployment, settings.SHUTDOWN_TIMEOUT_SECONDS ?? 0),
  ];
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('deploy/k8s', () => {
  it('probes routes that the code serves', () => {
    const routes = controllerRoutes(path.join(REPO_ROOT, 'libs/observability/src'));

    expect(routes).toEqual(expect.arrayContaining([health.live, health.ready]));
  });

  it('reads the image command and the services from the code', () => {
    expect(imageCommand.slice(0, 3)).toEqual(['node', '-r', './deploy/runtime/register.js']);
    expect(Object.keys(SETTINGS_CLASSES).sort()).toEqual(servicesInCode());
  });

  it('finds the consumer groups of the code', () => {
    const groups = (name: string) =>
      consumersInCode(sourceOf(name))
        .map((c) => `${c.group} ${c.topic}`)
        .sort();

    // Both session consumers get SESSION_CONSUMER_GROUP of session-consumer-group.ts through
    // SessionInstance.consumerOf. The scoring groups are a string literal and a constant.
    expect(groups('session')).toEqual([
      `vigil-session ${Topics.sessionActivityRecorded}`,
      `vigil-session ${Topics.telemetryRecorded}`,
    ]);
    expect(groups('scoring')).toContain(`vigil-scoring-actions ${Topics.actionContextualized}`);
    expect(groups('gateway')).toEqual([]);
  });

  describe.each(TARGETS)('%s', (target) => {
    it('builds with every resource and patch target present', () => {
      expect(() => build(target)).not.toThrow();
    });

    it('validates against the Kubernetes and KEDA schemas', () => {
      expect(schemaProblems(build(target))).toEqual([]);
    });

    it('runs one Deployment per service, all from one image', () => {
      const deployments = ofKind(build(target), 'Deployment');
      const components = deployments.map((d) => d.metadata.labels?.['app.kubernetes.io/component']);
      const images = new Set(deployments.flatMap(podContainers).map((c) => c.image));

      expect(components.sort()).toEqual(servicesInCode());
      expect(images.size).toBe(1);
    });

    it.each(Object.keys(SETTINGS_CLASSES))('matches the code of the %s service', (name) => {
      const service = services.find((candidate) => candidate.name === name)!;

      expect(problemsOf(build(target), service)).toEqual([]);
    });

    (kubectl ? it : it.skip)('builds as kubectl kustomize does', () => {
      const result = spawnSync('kubectl', ['kustomize', path.join(K8S, target)], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      const byId = (objects: KubernetesObject[]) =>
        Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
      const expected = parseAllDocuments(result.stdout).map((d) => d.toJS() as KubernetesObject);

      expect(byId(build(target))).toEqual(byId(expected));
    });
  });

  it.each(COMPONENTS)('applies the %s component to every overlay', (component) => {
    for (const target of TARGETS.filter((name) => name !== BASE)) {
      const objects = applyComponent(build(target), path.join(K8S, 'components', component));

      expect(schemaProblems(objects)).toEqual([]);
    }
  });

  it('marks the example Secrets and leaves them out of production', () => {
    const secrets = ofKind(build(BASE), 'Secret');
    const keys = parseSigningKeys(environmentOf(build(BASE), 'gateway').TOKEN_SIGNING_KEYS);

    expect(secrets.length).toBe(Object.keys(SETTINGS_CLASSES).length);
    for (const secret of secrets) {
      expect(secret.metadata.annotations?.[PLACEHOLDER_ANNOTATION]).toBe('true');
    }
    expect(keys.map((key) => key.id).every((id) => id.startsWith('example'))).toBe(true);
    expect(ofKind(build('overlays/production'), 'Secret')).toEqual([]);
    expect(dataOf(secrets[0])).not.toEqual({});
  });
});

describe('deploy/k8s checks', () => {
  type Json = Record<string, any>;
  const service = (name: string) => services.find((candidate) => candidate.name === name)!;

  /** Returns the base build after `change` has run on its object of `kind` named `name`. */
  function changed(kind: string, name: string, change: (object: Json) => void) {
    const objects = build(BASE);
    change(named(objects, kind, name) as Json);

    return objects;
  }

  const directories: string[] = [];

  afterAll(() => {
    for (const directory of directories) {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  function kustomization(files: Record<string, string>): string {
    const directory = mkdtempSync(path.join(tmpdir(), 'vigil-kustomize-'));
    directories.push(directory);
    for (const [file, text] of Object.entries(files)) {
      writeFileSync(path.join(directory, file), text);
    }

    return directory;
  }

  it('rejects a variable no settings class reads', () => {
    const objects = changed('ConfigMap', 'vigil-gateway-config', (map) => {
      map.data.KAFKA_BROKER = 'kafka:9092';
    });

    expect(problemsOf(objects, service('gateway'))).toContain(
      'gateway sets KAFKA_BROKER, which GatewaySettings does not read',
    );
  });

  it('requires REDIS_URL exactly where the code reads it', () => {
    const env = environmentOf(build(BASE), 'gateway');
    delete env.REDIS_URL;
    const withoutRedis = { ...service('gateway'), source: '' };
    const withRedis = { ...service('gateway'), source: 'settings.REDIS_URL' };

    expect(settingsProblems(withoutRedis, { ...env, REDIS_URL: 'redis://redis:6379' })).toEqual([
      'gateway sets REDIS_URL, which its code never reads',
    ]);
    expect(settingsProblems(withRedis, env)).toEqual(['gateway reads REDIS_URL, which is unset']);
  });

  it('rejects a container port the service does not listen on', () => {
    const objects = changed('Deployment', 'vigil-scoring', (deployment) => {
      deployment.spec.template.spec.containers[0].ports[0].containerPort = 8080;
    });
    const problems = problemsOf(objects, service('scoring'));

    expect(problems).toContain('Deployment/vigil-scoring must expose exactly HTTP_PORT 8082');
    expect(problems).toContain(
      'Deployment/vigil-scoring: livenessProbe must GET /health/live on 8082',
    );
  });

  it('rejects an HTTP_PORT that the container does not expose', () => {
    const objects = changed('ConfigMap', 'vigil-session-config', (map) => {
      map.data.HTTP_PORT = '9091';
    });

    expect(problemsOf(objects, service('session'))).toContain(
      'Deployment/vigil-session must expose exactly HTTP_PORT 9091',
    );
  });

  it('rejects a probe on a path the service does not serve', () => {
    const objects = changed('Deployment', 'vigil-gateway', (deployment) => {
      deployment.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/healthz';
    });

    expect(problemsOf(objects, service('gateway'))).toContain(
      'Deployment/vigil-gateway: readinessProbe must GET /health/ready on 8080',
    );
  });

  it('rejects a consumer group the code does not use', () => {
    const objects = changed('ScaledObject', 'vigil-scoring', (scaledObject) => {
      scaledObject.spec.triggers[0].metadata.consumerGroup = 'vigil-scoring';
    });

    expect(problemsOf(objects, service('scoring'))).toContainEqual(
      expect.stringContaining(
        'ScaledObject/vigil-scoring scales on vigil-scoring vigil.action.contextualized.v1',
      ),
    );
  });

  it('rejects more consumers than partitions', () => {
    const objects = changed('ScaledObject', 'vigil-scoring', (scaledObject) => {
      scaledObject.spec.maxReplicaCount = 13;
    });

    expect(problemsOf(objects, service('scoring'))).toContain(
      'ScaledObject/vigil-scoring: maxReplicaCount 13 exceeds the cap of 12',
    );
  });

  it('caps pods at the largest partition count of a service', () => {
    const consumers = [
      { group: 'a', topic: 'vigil.recommendation.issued.v1' },
      { group: 'b', topic: 'vigil.action.contextualized.v1' },
    ];

    expect(partitionCap(consumers)).toBe(12);
    expect(partitionCap(consumers.slice(0, 1))).toBe(6);
  });

  it('rejects more session pods than partitions', () => {
    const partitions = partitionsOf(Topics.telemetryRecorded)!;
    const objects = changed('ScaledObject', 'vigil-session', (scaledObject) => {
      scaledObject.spec.maxReplicaCount = partitions + 1;
    });

    expect(partitionsOf(Topics.sessionActivityRecorded)).toBe(partitions);
    expect(problemsOf(objects, service('session'))).toContain(
      `ScaledObject/vigil-session: maxReplicaCount ${partitions + 1} exceeds the cap of ${partitions}`,
    );
  });

  it('rejects a trigger on other brokers than the service uses', () => {
    const objects = changed('ScaledObject', 'vigil-session', (scaledObject) => {
      scaledObject.spec.triggers[1].metadata.bootstrapServers = 'other:9092';
    });

    expect(problemsOf(objects, service('session'))).toContain(
      'ScaledObject/vigil-session: a trigger must be kafka on kafka:9092',
    );
  });

  it('rejects a writable root filesystem', () => {
    const objects = changed('Deployment', 'vigil-session', (deployment) => {
      deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    });

    expect(problemsOf(objects, service('session'))).toContain(
      'Deployment/vigil-session needs a read-only root and no privilege escalation',
    );
  });

  it('rejects a grace period shorter than the shutdown', () => {
    const objects = changed('Deployment', 'vigil-gateway', (deployment) => {
      deployment.spec.template.spec.terminationGracePeriodSeconds = 5;
    });

    expect(problemsOf(objects, service('gateway'))).toContainEqual(
      expect.stringContaining('terminationGracePeriodSeconds 5 must exceed the preStop pause 5 s'),
    );
  });

  it('rejects an object that breaks its schema', () => {
    const objects = changed('Deployment', 'vigil-gateway', (deployment) => {
      deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    });

    expect(schemaProblems(objects)).toEqual([
      'Deployment/vigil-gateway: data/spec/template/spec/containers/0/ports/0/containerPort ' +
        'must be integer',
    ]);
  });

  it('rejects a kustomization listing a missing resource', () => {
    const directory = kustomization({ 'kustomization.yaml': 'resources:\n  - missing.yaml\n' });

    expect(() => buildKustomization(directory)).toThrow('lists missing.yaml, which is missing');
  });

  it('rejects a patch whose target is not in the build', () => {
    const directory = kustomization({
      'kustomization.yaml': 'resources:\n  - map.yaml\npatches:\n  - path: patch.yaml\n',
      'map.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: present\n',
      'patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: absent\ndata:\n  A: b\n',
    });

    expect(() => buildKustomization(directory)).toThrow('targets ConfigMap/absent');
  });

  it('rejects an images entry that matches no container', () => {
    const directory = kustomization({
      'kustomization.yaml': 'resources:\n  - map.yaml\nimages:\n  - name: vigi\n    newTag: "1"\n',
      'map.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: present\n',
    });

    expect(() => buildKustomization(directory)).toThrow('images entry vigi');
  });

  it('rejects a kustomization field the reader does not apply', () => {
    const directory = kustomization({ 'kustomization.yaml': 'commonLabels:\n  a: b\n' });

    expect(() => buildKustomization(directory)).toThrow('does not apply: commonLabels');
  });
});
