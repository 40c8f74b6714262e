import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { REPO_ROOT } from '../support/stack';

// Helpers of docker-compose.test.ts: run `docker-compose config`, read the normalized file, and
// list what the code of each service defines (settings, source).

export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
const SERVICES_DIR = path.join(REPO_ROOT, 'services');

export type SettingsClass = new () => object;

type EnvironmentValue = string | number | boolean | null;

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, EnvironmentValue>;
  ports?: (string | { target: number | string; published?: number | string })[];
  expose?: (string | number)[];
  volumes?: (string | { source?: string; target: string })[];
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }> | string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * Runs `docker-compose config` with only PATH, HOME and `env` in the environment and an empty .env
 * file, so the variables and the .env file of the machine running the tests change nothing.
 * The .env file is a real file because docker-compose rejects /dev/null there.
 */
export function composeConfig(env: Record<string, string>): SpawnSyncReturns<string> {
  const base = Object.fromEntries(
    ['PATH', 'HOME'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const directory = mkdtempSync(path.join(tmpdir(), 'vigil-compose-'));
  const envFile = path.join(directory, '.env');
  writeFileSync(envFile, '');
  const result = spawnSync(
    'docker-compose',
    ['--env-file', envFile, '-f', COMPOSE_FILE, 'config'],
    {
      encoding: 'utf8',
      env: { ...base, ...env },
    },
  );
  rmSync(directory, { recursive: true, force: true });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      'docker-compose not found on PATH: ./vigil test installs the Debian package ' +
        'docker-compose, or install it with apt-get install docker-compose',
    );
  }

  return result;
}

/** Names of the folders under services/ that have a src/main.ts, one for each service. */
export function servicesInCode(): string[] {
  return readdirSync(SERVICES_DIR)
    .filter((name) => existsSync(path.join(SERVICES_DIR, name, 'src/main.ts')))
    .sort();
}

/** Non-test TypeScript source of a service, to see which settings its own code reads. */
export function sourceOf(name: string): string {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory)) {
      const file = path.join(directory, entry);
      if (statSync(file).isDirectory()) {
        walk(file);
      } else if (file.endsWith('.ts') && !/\.(spec|bench)\.ts$/.test(file)) {
        files.push(file);
      }
    }
  };
  walk(path.join(SERVICES_DIR, name, 'src'));

  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** Environment of a service as its process receives it, with every value a string. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]),
  );
}

/** Property names of a settings class: those with an initialiser and those with a decorator. */
export function settingNames(schema: SettingsClass): Set<string> {
  const decorated = getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', true, false)
    .map((metadata) => metadata.propertyName);

  return new Set([...Object.keys(new schema()), ...decorated]);
}

/** Settings without a default that are not marked optional: the service fails without them. */
export function requiredSettings(schema: SettingsClass): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  const optional = new Set(
    metadata
      .filter((entry) => entry.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((entry) => entry.propertyName),
  );
  const defaults = new schema() as Record<string, unknown>;

  return [...settingNames(schema)].filter(
    (name) => defaults[name] === undefined && !optional.has(name),
  );
}

/** Port of the /health/ready URL that the healthcheck command fetches. */
export function healthcheckPort(service: ComposeService): number | undefined {
  const test = service.healthcheck?.test;
  const command = Array.isArray(test) ? test.join(' ') : (test ?? '');
  const match = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)\/health\/ready/.exec(command);

  return match ? Number(match[1]) : undefined;
}

/** Container ports of the `ports` entries, in long or `published:target` syntax. */
export function publishedTargets(service: ComposeService): number[] {
  return (service.ports ?? []).map((entry) => {
    if (typeof entry === 'string') {
      return Number(entry.split(':').pop()?.split('/')[0]);
    }

    return Number(entry.target);
  });
}

/** Condition on which `service` waits for `dependency`, or undefined when it does not wait. */
export function dependencyCondition(
  service: ComposeService,
  dependency: string,
): string | undefined {
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) {
    return dependsOn.includes(dependency) ? 'service_started' : undefined;
  }

  return dependsOn?.[dependency]?.condition;
}

/** Mounts of a service, as a map from the path in the container to the volume or host path. */
export function volumeMounts(service: ComposeService): Map<string, string> {
  return new Map(
    (service.volumes ?? []).map((entry): [string, string] => {
      if (typeof entry === 'string') {
        const [source, target] = entry.split(':');

        return [target, source];
      }

      return [entry.target, entry.source ?? ''];
    }),
  );
}
