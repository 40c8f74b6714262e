import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ActionResult,
  AttributeMap,
  ClientContext,
  omitUndefined,
  VigilError,
} from '@vigil/contracts';
import { ActionClaims, GatewayTokens, SessionClaims } from '../credentials/gateway-tokens';
import { ActivityPublisher } from './activity.publisher';

export interface ActionInput {
  action_type: string;
  source: 'sdk' | 'backend';
  correlation_id?: string;
  user_id?: string;
  claimed_user_id?: string;
  claimed_user_id_type?: string;
  custom_attributes?: AttributeMap;
}

/** Returns a new action id; the recommendation is stored under it. */
export function newActionId(): string {
  return `a_${randomUUID()}`;
}

/** Action events and their results; the action token carries what later calls need. */
@Injectable()
export class ActionService {
  constructor(
    private readonly tokens: GatewayTokens,
    private readonly activity: ActivityPublisher,
  ) {}

  async trigger(
    session: SessionClaims,
    input: ActionInput,
    client: ClientContext,
    actionId: string = newActionId(),
  ): Promise<{ action_token: string }> {
    const claims: ActionClaims = {
      ten: session.ten,
      sid: session.sid,
      did: session.did,
      aid: actionId,
      act: input.action_type,
    };
    const { correlation_id: correlationId, ...fields } = input;
    await this.activity.publish(
      'action.triggered',
      { tenantId: session.ten, sessionId: session.sid },
      { ...omitUndefined(fields), action_id: claims.aid, device_id: session.did, client },
      correlationId,
    );

    return { action_token: this.tokens.issueAction(claims) };
  }

  async reportResult(
    tenantId: string,
    actionToken: string,
    result: ActionResult,
    userId: string | undefined,
  ): Promise<void> {
    const action = this.verifyForTenant(tenantId, actionToken);
    await this.activity.publish(
      'action.result-reported',
      { tenantId, sessionId: action.sid },
      omitUndefined({ action_id: action.aid, action_type: action.act, result, user_id: userId }),
    );
  }

  /** @throws VigilError `invalid_token` when the action token belongs to another tenant. */
  verifyForTenant(tenantId: string, actionToken: string): ActionClaims {
    const action = this.tokens.verifyAction(actionToken);
    if (action.ten !== tenantId) {
      throw new VigilError('action_token belongs to another tenant', 'invalid_token', false);
    }

    return action;
  }
}
