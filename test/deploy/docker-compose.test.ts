import { parse } from 'yaml';
import { loadSettings } from '@vigil/config';
import { GatewaySettings } from '../../services/gateway/src/gateway.settings';
import { ScoringSettings } from '../../services/scoring/src/scoring.settings';
import { SessionSettings } from '../../services/session/src/session.settings';
import {
  ComposeFile,
  composeConfig,
  dependencyCondition,
  environmentOf,
  healthcheckPort,
  publishedTargets,
  requiredSettings,
  servicesInCode,
  SettingsClass,
  settingNames,
  sourceOf,
  volumeMounts,
} from './compose-file';

const SIGNING_KEYS = `compose-test-1:${'k'.repeat(48)}`;

/** Settings class of each service, by its folder under services/. */
const SETTINGS_CLASSES: Record<string, SettingsClass> = {
  gateway: GatewaySettings,
  session: SessionSettings,
  scoring: ScoringSettings,
};

/** Ports and data folders of the official mongo and redis images, which the file keeps. */
const MONGO_PORT = 27017;
const MONGO_DATA_DIR = '/data/db';
const REDIS_PORT = 6379;
const REDIS_DATA_DIR = '/data';

describe('docker-compose.yml', () => {
  let status: number | null;
  let stderr: string;
  let compose: ComposeFile;

  beforeAll(() => {
    const result = composeConfig({ TOKEN_SIGNING_KEYS: SIGNING_KEYS });
    status = result.status;
    stderr = result.stderr;
    compose = status === 0 ? (parse(result.stdout) as ComposeFile) : { services: {} };
  });

  /** Name of the one service that runs an image matching `image`. */
  function serviceWithImage(image: RegExp): string {
    const names = Object.keys(compose.services).filter((name) =>
      image.test(compose.services[name].image ?? ''),
    );
    expect(names).toHaveLength(1);

    return names[0];
  }

  function defaultsOf(schema: SettingsClass, env: Record<string, string>): Record<string, unknown> {
    const required = requiredSettings(schema).filter((name) => env[name] !== undefined);
    const values = Object.fromEntries(required.map((name) => [name, env[name]]));

    return loadSettings(schema, values) as Record<string, unknown>;
  }

  it('passes docker-compose config', () => {
    // stderr is part of both sides so that a failure prints it.
    expect({ status, stderr }).toEqual({ status: 0, stderr });
  });

  it('stops without TOKEN_SIGNING_KEYS', () => {
    const result = composeConfig({});

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TOKEN_SIGNING_KEYS');
    expect(requiredSettings(GatewaySettings)).toContain('TOKEN_SIGNING_KEYS');
  });

  it('runs one container per service in services/', () => {
    const built = Object.keys(compose.services).filter((name) => compose.services[name].build);

    expect(built.sort()).toEqual(servicesInCode());
    expect(Object.keys(SETTINGS_CLASSES).sort()).toEqual(servicesInCode());
  });

  it('keeps infrastructure data in named volumes', () => {
    const kafka = compose.services[serviceWithImage(/^apache\/kafka:/)];
    const dataDirectories = [
      [kafka, environmentOf(kafka).KAFKA_LOG_DIRS],
      [compose.services[serviceWithImage(/^mongo:/)], MONGO_DATA_DIR],
      [compose.services[serviceWithImage(/^redis:/)], REDIS_DATA_DIR],
    ] as const;

    for (const [service, directory] of dataDirectories) {
      const volume = volumeMounts(service).get(directory);
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    }
  });

  describe.each(Object.keys(SETTINGS_CLASSES))('%s service', (name) => {
    const schema = SETTINGS_CLASSES[name];
    const environment = (): Record<string, string> => environmentOf(compose.services[name] ?? {});

    it('starts its own compiled main.js', () => {
      const command = compose.services[name].command ?? [];

      expect(command).toEqual(expect.arrayContaining(['-r', './deploy/runtime/register.js']));
      expect(command).toContain(`dist/services/${name}/src/main.js`);
    });

    it('sets only variables of its settings class', () => {
      const known = settingNames(schema);
      const unknown = Object.keys(environment()).filter((variable) => !known.has(variable));

      expect(unknown).toEqual([]);
    });

    it('sets every required setting', () => {
      const missing = requiredSettings(schema).filter((variable) => !environment()[variable]);

      expect(missing).toEqual([]);
    });

    it('keeps every variable through settings validation', () => {
      const env = environment();
      const settings = loadSettings(schema, env) as Record<string, unknown>;
      const dropped = Object.keys(env).filter((variable) => settings[variable] === undefined);

      expect(dropped).toEqual([]);
    });

    it('uses its default HTTP port everywhere', () => {
      const service = compose.services[name];
      const port = Number(environment().HTTP_PORT);

      expect(port).toBe(defaultsOf(schema, environment()).HTTP_PORT);
      expect(healthcheckPort(service)).toBe(port);
      for (const target of publishedTargets(service)) {
        expect(target).toBe(port);
      }
      for (const exposed of service.expose ?? []) {
        expect(Number(exposed)).toBe(port);
      }
    });

    it('binds every interface', () => {
      expect(environment().HTTP_HOST).toBe('0.0.0.0');
    });

    it('reaches Kafka at its advertised listener', () => {
      const kafkaName = serviceWithImage(/^apache\/kafka:/);
      const advertised = environmentOf(compose.services[kafkaName])
        .KAFKA_ADVERTISED_LISTENERS.split(',')
        .map((listener) => listener.replace(/^[A-Z_]+:\/\//, ''));
      const brokers = (environment().KAFKA_BROKERS ?? '').split(',');

      for (const broker of brokers) {
        expect(advertised).toContain(broker);
        expect(broker.split(':')[0]).toBe(kafkaName);
      }
    });

    it('reaches MongoDB by service name', () => {
      const uri = new URL(environment().MONGODB_URI ?? 'mongodb://unset');

      expect(uri.hostname).toBe(serviceWithImage(/^mongo:/));
      expect(Number(uri.port || MONGO_PORT)).toBe(MONGO_PORT);
    });

    it('reaches Redis by service name if its code uses Redis', () => {
      const redisUrl = environment().REDIS_URL;
      if (sourceOf(name).includes('REDIS_URL')) {
        expect(redisUrl).toBeDefined();
      }
      if (redisUrl !== undefined) {
        const url = new URL(redisUrl);
        expect(url.hostname).toBe(serviceWithImage(/^redis:/));
        expect(Number(url.port || REDIS_PORT)).toBe(REDIS_PORT);
      }
    });

    it('waits until its infrastructure is healthy', () => {
      const env = environment();
      const addresses = [env.KAFKA_BROKERS?.split(',')[0], env.MONGODB_URI, env.REDIS_URL];
      const hosts = addresses
        .filter((address): address is string => address !== undefined)
        .map((address) => new URL(address.includes('://') ? address : `tcp://${address}`).hostname);

      expect(hosts.length).toBeGreaterThanOrEqual(2);
      for (const host of hosts) {
        expect(dependencyCondition(compose.services[name], host)).toBe('service_healthy');
        expect(compose.services[host]?.healthcheck?.test).toBeDefined();
      }
    });
  });
});
