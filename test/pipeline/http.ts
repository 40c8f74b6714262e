import { GATEWAY_URL } from '../support/stack';

export interface RawResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Sends a request as-is, so tests can send what no typed client would. */
export async function send(
  method: string,
  path: string,
  body?: string | object,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${GATEWAY_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

export async function accessToken(clientId: string, clientSecret: string): Promise<string> {
  const response = await send('POST', '/oidc/token', {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  if (response.status !== 200) {
    throw new Error(
      `token request failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body.access_token as string;
}
