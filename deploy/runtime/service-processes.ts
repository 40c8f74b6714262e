import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export type ServiceName = 'gateway' | 'session' | 'scoring';

export interface RunningService {
  name: ServiceName;
  port: number;
  child: ChildProcess;
  logFile: string;
}

export interface StartOptions {
  name: ServiceName;
  port: number;
  /** Variables added to this process's environment. */
  env: Record<string, string>;
  /** Folder for the service's log file. */
  logDirectory: string;
  readyTimeoutMs?: number;
  /** Options for node itself, such as `--cpu-prof`, placed before the service's entry point. */
  nodeArguments?: string[];
}

const REPO_ROOT = findRepoRoot(__dirname);

/** Returns the repository root: the nearest folder above `start` that contains nest-cli.json. */
export function findRepoRoot(start: string): string {
  let directory = start;
  while (!existsSync(path.join(directory, 'nest-cli.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`no nest-cli.json above ${start}`);
    }
    directory = parent;
  }

  return directory;
}

/**
 * Starts a compiled service (run `npm run build` first) as a child process with its output in
 * `<logDirectory>/<name>-<port>.log`, and resolves once its readiness check passes.
 *
 * @throws Error when the process exits or is not ready within the timeout; the error names the log.
 */
export async function startService(options: StartOptions): Promise<RunningService> {
  await requireFreePort(options.name, options.port);
  mkdirSync(options.logDirectory, { recursive: true });
  const logFile = path.join(options.logDirectory, `${options.name}-${options.port}.log`);
  const log = openSync(logFile, 'a');
  const entry = path.join(REPO_ROOT, 'dist/services', options.name, 'src/main.js');
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArguments ?? []),
      '-r',
      path.join(REPO_ROOT, 'deploy/runtime/register.js'),
      entry,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env, HTTP_PORT: String(options.port) },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const service = { name: options.name, port: options.port, child, logFile };
  await waitUntilReady(service, options.readyTimeoutMs ?? 60_000);

  return service;
}

/**
 * Fails when something already listens on the port, since the readiness probe would then reach
 * that process instead of the one just started.
 */
async function requireFreePort(name: ServiceName, port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot start ${name}: port ${port} is in use (${error.code}); stop what listens there`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

async function waitUntilReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = `http://127.0.0.1:${service.port}/health/ready`;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited with ${service.child.exitCode}; see ${service.logFile}`,
      );
    }
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  service.child.kill('SIGKILL');
  throw new Error(`${service.name} not ready within ${timeoutMs} ms; see ${service.logFile}`);
}

/** Sends `signal` and waits for the exit; a process still running after the timeout is killed. */
export async function stopService(
  service: RunningService,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 20_000,
): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  service.child.kill(signal);
  const timer = setTimeout(() => service.child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
