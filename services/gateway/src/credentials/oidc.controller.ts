import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { VigilError } from '@vigil/contracts';
import { verifyClientSecret } from '@vigil/tokens';
import { ApplicationDirectory } from './application-directory';
import { GatewayTokens } from './gateway-tokens';

export class TokenRequest {
  @ApiProperty({ enum: ['client_credentials'] })
  @IsIn(['client_credentials'])
  grant_type: string;

  @ApiProperty() @IsString() @MaxLength(128) client_id: string;
  @ApiProperty() @IsString() @MaxLength(256) client_secret: string;
}

export class TokenResponse {
  @ApiProperty() access_token: string;
  @ApiProperty({ example: 'Bearer' }) token_type: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expires_in: number;
}

@ApiTags('credentials')
@Controller('oidc')
export class OidcController {
  constructor(
    private readonly directory: ApplicationDirectory,
    private readonly tokens: GatewayTokens,
  ) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange client credentials for a bearer token for /risk/v1 calls' })
  @ApiOkResponse({ type: TokenResponse })
  async issue(@Body() request: TokenRequest): Promise<TokenResponse> {
    const application = await this.directory.require(request.client_id);
    const valid = await verifyClientSecret(request.client_secret, application.clientSecretHash);
    if (!valid) {
      throw new VigilError('client_secret does not match client_id', 'invalid_client', false);
    }
    const { token, expiresIn } = this.tokens.issueAccess({
      ten: application.tenantId,
      app: application.applicationId,
    });

    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  }
}
