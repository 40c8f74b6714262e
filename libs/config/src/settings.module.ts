import { DynamicModule, Module } from '@nestjs/common';
import { loadSettings } from './environment';
import { InfrastructureSettings } from './infrastructure.settings';

/**
 * Provides a validated settings object, injected by its class. Validation runs once, when the
 * module is built, so a bad variable stops the service before it connects to anything.
 */
@Module({})
export class SettingsModule {
  static forRoot<T extends object>(schema: new () => T): DynamicModule {
    const settings = loadSettings(schema);
    const providers: { provide: new () => object; useValue: object }[] = [
      { provide: schema, useValue: settings },
    ];
    // The shared libraries inject the infrastructure part by its own class.
    if (settings instanceof InfrastructureSettings && schema !== InfrastructureSettings) {
      providers.push({ provide: InfrastructureSettings, useValue: settings });
    }

    return {
      module: SettingsModule,
      global: true,
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
