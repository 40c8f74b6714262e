import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { Label, Recommendation } from '@vigil/persistence';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { buildPrecisionReport, LabelledAction, latestLabelByAction } from './precision-report';

/** Most action labels one report reads, newest first. */
export const PRECISION_REPORT_MAX_LABELS = 10_000;
const RECOMMENDATION_BATCH = 200;

export class PrecisionQuery {
  @ApiPropertyOptional({ description: 'only labels created at or after this ISO 8601 time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'only labels created before this ISO 8601 time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

@ApiTags('labels')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1/reports')
export class PrecisionController {
  constructor(
    @InjectModel(Label.name) private readonly labels: Model<Label>,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
  ) {}

  /**
   * Reports each reason code's and rule's precision on labelled actions. It reads at most
   * `PRECISION_REPORT_MAX_LABELS` action labels and computes in the gateway, because FerretDB
   * v1 runs no aggregation pipelines.
   */
  @Get('precision')
  @ApiOperation({ summary: 'Precision of each reason code and rule on labelled actions' })
  async precision(@Query() query: PrecisionQuery, @Req() request: AuthenticatedRequest) {
    const created: Record<string, Date> = {};
    if (query.from) created.$gte = new Date(query.from);
    if (query.to) created.$lt = new Date(query.to);
    const filter = {
      tenant_id: request.access.ten,
      target_type: 'action',
      ...(query.from || query.to ? { created_at: created } : {}),
    };
    const labels = await this.labels
      .find(filter, { target_id: 1, label: 1, created_at: 1 })
      .sort({ created_at: -1 })
      .limit(PRECISION_REPORT_MAX_LABELS)
      .lean();
    const latest = latestLabelByAction(labels.reverse());
    const actions = await this.joinRecommendations(request.access.ten, latest);

    return { ...buildPrecisionReport(actions), from: query.from ?? null, to: query.to ?? null };
  }

  private async joinRecommendations(
    tenantId: string,
    latest: Map<string, string>,
  ): Promise<LabelledAction[]> {
    const ids = [...latest.keys()];
    const actions: LabelledAction[] = [];
    for (let start = 0; start < ids.length; start += RECOMMENDATION_BATCH) {
      const batch = ids.slice(start, start + RECOMMENDATION_BATCH);
      const found = await this.recommendations.find({ _id: { $in: batch } }).lean();
      for (const item of found.filter((doc) => doc.tenant_id === tenantId)) {
        const ruleHits = (item as { rule_hits?: Array<{ rule_id: string }> }).rule_hits ?? [];
        actions.push({
          action_id: item._id,
          label: latest.get(item._id)!,
          reason_codes: (item.reasons ?? []).map((reason) => String(reason.code)),
          rule_ids: ruleHits.map((hit) => hit.rule_id),
        });
      }
    }

    return actions;
  }
}
