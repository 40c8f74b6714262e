import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Label, LabelValue, Recommendation } from '@vigil/persistence';
import { LabelReputationStore } from '../../../scoring/src/labels/label-reputation.store';
import { ipKeyPart } from '../../../scoring/src/risk/history-keys';
import { ActionService } from '../actions/action.service';
import { LabelView } from './label.dto';
import { LabelTargetType, RequestedTarget } from './label-target';

/** The sender of a label and the address it came from. */
export interface LabelOrigin {
  tenantId: string;
  createdBy: string;
  source: 'api' | 'review_case';
  reviewCaseId?: string;
}

/**
 * Stores labels append-only in MongoDB and writes the latest label of a device, user or IP to
 * Redis before responding, so the next action of that target is scored with it. An action label
 * feeds the precision report only: it is joined to the action's recommendation by action id.
 */
@Injectable()
export class LabelService {
  constructor(
    @InjectModel(Label.name) private readonly labels: Model<Label>,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
    private readonly reputation: LabelReputationStore,
    private readonly actions: ActionService,
  ) {}

  async record(
    origin: LabelOrigin,
    requested: RequestedTarget,
    label: LabelValue,
    note?: string,
  ): Promise<LabelView> {
    const target = await this.resolveTarget(origin.tenantId, requested);
    const stored: Label = {
      _id: `lbl_${randomUUID()}`,
      tenant_id: origin.tenantId,
      label,
      target_type: target.type,
      target_id: target.id,
      created_by: origin.createdBy,
      source: origin.source,
      created_at: new Date(),
      ...definedOnly({
        note,
        device_id: target.deviceId,
        user_id: target.userId,
        review_case_id: origin.reviewCaseId,
      }),
    };
    await this.labels.create(stored);

    if (target.type !== 'action') {
      const mark = { label, label_id: stored._id, labelled_at: stored.created_at.toISOString() };
      await this.reputation.write(origin.tenantId, target.type, target.id, mark);
    }

    return toLabelView(stored);
  }

  private async resolveTarget(
    tenantId: string,
    requested: RequestedTarget,
  ): Promise<{ type: LabelTargetType; id: string; deviceId?: string; userId?: string }> {
    if (requested.type === 'user' || requested.type === 'device') {
      return { type: requested.type, id: requested.id };
    }
    if (requested.type === 'ip') {
      return { type: 'ip', id: ipKeyPart(requested.id) };
    }
    const actionId =
      requested.type === 'action'
        ? this.actions.verifyForTenant(tenantId, requested.actionToken).aid
        : requested.id;
    const scored = await this.recommendations.findOne({ _id: actionId }).lean();
    const ofTenant = scored?.tenant_id === tenantId ? scored : undefined;

    return {
      type: 'action',
      id: actionId,
      deviceId: ofTenant?.device_id,
      userId: ofTenant?.user_id,
    };
  }
}

export function toLabelView(stored: Label): LabelView {
  return {
    label_id: stored._id,
    label: stored.label,
    target: { type: stored.target_type, id: stored.target_id },
    created_by: stored.created_by,
    created_at: stored.created_at.toISOString(),
    ...definedOnly({ note: stored.note }),
  };
}

function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
