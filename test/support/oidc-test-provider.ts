import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import OpenIdProvider, { type JWK } from 'oidc-provider';
import { findFreePort } from './postgres-global-setup.ts';

/** A person as the identity provider knows them; `subject` is also what they type to log in. */
export interface TestIdentity {
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface OpenIdTestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on a free loopback port, standing in for
 * Microsoft Entra ID: one confidential client, authorisation code flow with PKCE S256 required,
 * RS256-signed ID tokens, and the library's own login and consent pages, which the browser fills
 * in. The issuer is http://localhost:PORT — a different host from the app on 127.0.0.1, as a real
 * provider is a different site — and openid-client accepts plain http only for loopback hosts.
 */
export async function startOpenIdTestProvider(options: {
  client: OpenIdTestClient;
  identities: TestIdentity[];
  /**
   * True (the library's default): e-mail and name come only from the UserInfo endpoint, as OpenID
   * Connect Core 5.4 says when an access token is issued. False: the ID token carries them too,
   * as Entra ID's does.
   */
  scopeClaimsOnlyFromUserInfo?: boolean;
}) {
  const port = await findFreePort();
  const issuer = `http://localhost:${port}`;
  const identities = new Map(
    options.identities.map((identity) => [identity.subject, { ...identity }]),
  );
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });

  const provider = new OpenIdProvider(issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client sends the secret in the token request body unless told otherwise.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_context, accountId) {
      const identity = identities.get(accountId);
      if (!identity) return undefined;
      return {
        accountId,
        // Read at token time, so a test can change an identity's e-mail between two sign-ins.
        claims: async () => ({
          sub: identity.subject,
          email: identity.email,
          email_verified: identity.emailVerified,
          name: identity.name,
        }),
      };
    },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Confidential clients may skip PKCE by the library's default (and S256 is the only method it
    // accepts); Concordat always sends it, and
    // requiring it here proves the code verifier really reaches the token endpoint.
    pkce: { required: () => true },
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test-signing-key' } as JWK] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: true } },
    conformIdTokenClaims: options.scopeClaimsOnlyFromUserInfo ?? true,
    // Lifetimes in seconds, long enough for any test; stating them quiets the library's notices.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });

  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    issuer,
    /** Changes what the provider says about a person from the next token it issues. */
    changeEmail(subject: string, email: string) {
      const identity = identities.get(subject);
      if (!identity) throw new Error(`no test identity ${subject}`);
      identity.email = email;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
