import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Model } from 'mongoose';
import { loadSettings } from '@vigil/config';
import { VigilError } from '@vigil/contracts';
import { Recommendation } from '@vigil/persistence';
import { GatewayTokens } from '../credentials/gateway-tokens';
import { DemoController } from './demo.controller';
import { DemoSettings } from './demo.settings';
import { readSdkBundle } from './sdk-bundle';

// The routes return before they touch the tokens or the database when the page is off.
const unusedTokens = {} as GatewayTokens;
const unusedModel = {} as Model<Recommendation>;

function controllerWith(env: Record<string, string>): DemoController {
  return new DemoController(loadSettings(DemoSettings, env), unusedTokens, unusedModel);
}

describe('DemoController', () => {
  it('is off without DEMO_PAGE_ENABLED', () => {
    const controller = controllerWith({});

    expect(() => controller.page()).toThrow(VigilError);
    expect(() => controller.sdk()).toThrow(
      'the demo page is off; set DEMO_PAGE_ENABLED=true on the gateway to serve it',
    );
  });

  it('serves the page with DEMO_PAGE_ENABLED=true', () => {
    const page = controllerWith({ DEMO_PAGE_ENABLED: 'true' }).page();

    expect(page).toContain('<script src="/demo/vigil.js"></script>');
    expect(page).toContain('id="login-form"');
    expect(page).toContain('id="payment-form"');
  });
});

describe('readSdkBundle', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'vigil-bundle-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the bundle above the compiled gateway', () => {
    const bundleDirectory = path.join(root, 'dist/libs/sdk-web');
    const gatewayDirectory = path.join(root, 'dist/services/gateway/src/demo');
    mkdirSync(bundleDirectory, { recursive: true });
    mkdirSync(gatewayDirectory, { recursive: true });
    writeFileSync(path.join(bundleDirectory, 'vigil.js'), 'var Vigil;');

    expect(readSdkBundle(gatewayDirectory)).toBe('var Vigil;');
  });

  it('returns undefined before a build', () => {
    expect(readSdkBundle(root)).toBeUndefined();
  });
});
