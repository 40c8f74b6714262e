import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { VigilError } from '@vigil/contracts';
import { setLogContext } from '@vigil/observability';
import { AccessClaims, GatewayTokens } from './gateway-tokens';

export type AuthenticatedRequest = FastifyRequest & { access: AccessClaims };

/** Admits backend calls that carry a valid access token from POST /oidc/token. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly tokens: GatewayTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new VigilError(
        'missing bearer token; get one from POST /oidc/token and send Authorization: Bearer <token>',
        'unauthorized',
        false,
      );
    }
    request.access = this.tokens.verifyAccess(token);
    setLogContext({ tenant_id: request.access.ten });

    return true;
  }
}
