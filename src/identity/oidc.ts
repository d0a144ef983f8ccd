import * as openIdClient from 'openid-client';

export interface OpenIdSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
}

export interface OpenIdFlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface OpenIdIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean | undefined;
  name: string | undefined;
}

/**
 * OpenID Connect sign-in with the authorisation code flow, PKCE, state and nonce (openid-client).
 * Microsoft Entra ID serves NHSmail; any standards-compliant provider works.
 */
export function createOpenIdSignIn(settings: OpenIdSettings, redirectUri: string) {
  let configuration: Promise<openIdClient.Configuration> | undefined;
  const issuerUrl = new URL(settings.issuer);
  const discover = () => {
    configuration ??= openIdClient
      .discovery(issuerUrl, settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted only for a provider on this machine (local development and tests).
        execute: isLoopback(issuerUrl) ? [openIdClient.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  return {
    label: settings.label,
    async start(returnTo: string): Promise<{ url: URL; flow: OpenIdFlowState }> {
      const config = await discover();
      const flow: OpenIdFlowState = {
        state: openIdClient.randomState(),
        nonce: openIdClient.randomNonce(),
        codeVerifier: openIdClient.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = openIdClient.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await openIdClient.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },
    async finish(callbackUrl: URL, flow: OpenIdFlowState): Promise<OpenIdIdentity> {
      const config = await discover();
      const tokens = await openIdClient.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The identity provider returned no ID token.');
      // Entra ID puts e-mail and name in the ID token; the standard's default is the UserInfo
      // endpoint, so ask it when the token is silent (it must answer for the same subject).
      const profile =
        typeof claims.email === 'string'
          ? claims
          : await openIdClient.fetchUserInfo(config, tokens.access_token, claims.sub);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof profile.email === 'string' ? profile.email : undefined,
        emailVerified:
          typeof profile.email_verified === 'boolean' ? profile.email_verified : undefined,
        name: typeof profile.name === 'string' ? profile.name : undefined,
      };
    },
  };
}

export type OpenIdSignIn = ReturnType<typeof createOpenIdSignIn>;

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
