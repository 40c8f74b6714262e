import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthRegistry } from './health.registry';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Reports liveness cheaply: only that the process responds, nothing else. */
  @Get('live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: string; checks: Record<string, string> }> {
    const { ready, checks } = await this.registry.readiness();
    if (!ready) {
      throw new ServiceUnavailableException({ error: 'not_ready', message: 'not ready', checks });
    }

    return { status: 'ok', checks };
  }
}
