import { Controller, Get, Header, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiExcludeController } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { VigilError } from '@vigil/contracts';
import { Recommendation } from '@vigil/persistence';
import { GatewayTokens } from '../credentials/gateway-tokens';
import { RecommendationQuery } from '../recommendations/recommendation.controller';
import { RecommendationView, toRecommendationView } from '../recommendations/recommendation.view';
import { renderDemoPage } from './demo-page.html';
import { DemoSettings } from './demo.settings';
import { readSdkBundle } from './sdk-bundle';

/**
 * The demo page: a login form and a payment form that use the browser SDK, served with the SDK
 * bundle and a route that looks up the recommendation of an action token on the server, so the
 * page never contains a client secret. Every route returns 404 unless DEMO_PAGE_ENABLED is true.
 */
@ApiExcludeController()
@Controller('demo')
export class DemoController {
  private bundle: string | undefined;

  constructor(
    private readonly settings: DemoSettings,
    private readonly tokens: GatewayTokens,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  page(): string {
    this.requireEnabled();

    return renderDemoPage();
  }

  @Get('vigil.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  sdk(): string {
    this.requireEnabled();
    this.bundle ??= readSdkBundle();
    if (this.bundle === undefined) {
      throw new VigilError(
        'the browser SDK is not built: run npm run build, then restart the gateway',
        'not_found',
        false,
      );
    }

    return this.bundle;
  }

  /**
   * Returns the recommendation of the action token. The token's signature is checked and names
   * the tenant, which replaces the bearer token that a real app's backend would send.
   */
  @Get('recommendation')
  async recommendation(@Query() query: RecommendationQuery): Promise<RecommendationView> {
    this.requireEnabled();
    const action = this.tokens.verifyAction(query.action_token);
    const stored = await this.recommendations.findOne({ _id: action.aid }).lean();
    if (!stored || stored.tenant_id !== action.ten) {
      throw new VigilError(
        `action ${action.aid} has no recommendation yet; retry shortly`,
        'recommendation_pending',
        true,
      );
    }

    return toRecommendationView(stored);
  }

  private requireEnabled(): void {
    if (!this.settings.DEMO_PAGE_ENABLED) {
      throw new VigilError(
        'the demo page is off; set DEMO_PAGE_ENABLED=true on the gateway to serve it',
        'not_found',
        false,
      );
    }
  }
}
