import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { VigilError } from '@vigil/contracts';
import { LabelValue, ReviewCase } from '@vigil/persistence';
import { LabelService } from '../labels/label.service';
import { decodeCursor, encodeCursor } from './review-case.cursor';
import { ListReviewCasesQuery, ReviewCasePage, ReviewCaseView } from './review-case.dto';
import { toReviewCaseView } from './review-case.view';

const DEFAULT_PAGE_SIZE = 50;

/** Lists, assigns and resolves the review cases the scoring service opened. */
@Injectable()
export class ReviewCaseService {
  constructor(
    @InjectModel(ReviewCase.name) private readonly cases: Model<ReviewCase>,
    private readonly labels: LabelService,
  ) {}

  async list(tenantId: string, query: ListReviewCasesQuery): Promise<ReviewCasePage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const found = await this.cases
      .find(filterOf(tenantId, query))
      .sort({ created_at: -1, _id: -1 })
      .limit(limit + 1)
      .lean();
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    const more = found.length > limit && last !== undefined;

    return {
      review_cases: page.map(toReviewCaseView),
      next_cursor: more ? encodeCursor({ created_at: last.created_at, case_id: last._id }) : null,
    };
  }

  async get(tenantId: string, caseId: string): Promise<ReviewCaseView> {
    return toReviewCaseView(await this.find(tenantId, caseId));
  }

  /** Assigns the case of an action; a resolved case keeps its status and takes the assignee. */
  async assign(tenantId: string, caseId: string, assignee: string): Promise<ReviewCaseView> {
    const current = await this.find(tenantId, caseId);
    const status = current.status === 'resolved' ? 'resolved' : 'assigned';
    const changes = { assignee, status, updated_at: new Date() };
    await this.cases.updateOne({ _id: caseId }, { $set: changes });

    return toReviewCaseView({ ...current, ...changes });
  }

  /** Resolves a case; with a label, records it on the case action as `POST /label` would. */
  async resolve(
    tenantId: string,
    caseId: string,
    resolvedBy: string,
    resolution: { resolution: string; label?: LabelValue },
  ): Promise<ReviewCaseView> {
    const current = await this.find(tenantId, caseId);
    if (resolution.label !== undefined) {
      const origin = {
        tenantId,
        createdBy: current.assignee ?? resolvedBy,
        source: 'review_case' as const,
        reviewCaseId: caseId,
      };
      await this.labels.record(origin, { type: 'action_id', id: caseId }, resolution.label);
    }
    const now = new Date();
    const changes: Partial<ReviewCase> = {
      status: 'resolved',
      resolution: resolution.resolution,
      resolved_by: current.assignee ?? resolvedBy,
      resolved_at: now,
      updated_at: now,
      ...(resolution.label === undefined ? {} : { label: resolution.label }),
    };
    await this.cases.updateOne({ _id: caseId }, { $set: changes });

    return toReviewCaseView({ ...current, ...changes });
  }

  /** @throws VigilError `not_found` when the tenant has no case with that id. */
  private async find(tenantId: string, caseId: string): Promise<ReviewCase> {
    // The filter is on _id alone because that is the only filter FerretDB looks up by key.
    const found = await this.cases.findOne({ _id: caseId }).lean();
    if (!found || found.tenant_id !== tenantId) {
      throw new VigilError(
        `review case ${caseId} not found; list the cases with GET /risk/v1/review-cases`,
        'not_found',
        false,
      );
    }

    return found;
  }
}

function filterOf(tenantId: string, query: ListReviewCasesQuery): FilterQuery<ReviewCase> {
  const filter: FilterQuery<ReviewCase> = { tenant_id: tenantId };
  if (query.status) filter.status = query.status;
  if (query.outcome) filter.outcome = query.outcome;
  if (query.reason_code) filter.reason_codes = query.reason_code;
  if (query.assignee) filter.assignee = query.assignee;
  const range: { $gte?: Date; $lt?: Date } = {};
  if (query.from) range.$gte = new Date(query.from);
  if (query.to) range.$lt = new Date(query.to);
  if (query.cursor === undefined) {
    if (range.$gte || range.$lt) filter.created_at = range;

    return filter;
  }
  // Cases after the cursor: older ones, or as old with a smaller id.
  const cursor = decodeCursor(query.cursor);
  const before = range.$lt && range.$lt < cursor.created_at ? range.$lt : cursor.created_at;
  filter.$or = [
    { created_at: { ...range, $lt: before } },
    { created_at: cursor.created_at, _id: { $lt: cursor.case_id } },
  ];

  return filter;
}
