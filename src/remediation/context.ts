/**
 * What an action runs with: the account, the role it acts as, and SDK v3 clients aimed at
 * Bulwark's own endpoint, signed with the role session's credentials, tried once (EventBridge's
 * retry policy retries the delivery), with the user agent `bulwark-remediation/<action>` that
 * CloudTrail records. The clients are closed when the run ends.
 */
import type { ActionContext, ClientConfig } from './action.js';
import type { RoleSession } from './session.js';

/** `http://0.0.0.0:…` and `http://[::]:…` name every interface; calls go to loopback. */
export function callableEndpoint(endpoint: string): string {
  return endpoint.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}

export function contextOf(session: RoleSession, account: string, actionName: string, endpoint: () => string): ActionContext & { close(): void } {
  const built: Array<{ destroy(): void }> = [];
  const { AccessKeyId, SecretAccessKey, SessionToken } = session.credentials;
  return {
    account,
    roleName: session.roleName,
    client<C extends { destroy(): void }>(make: (config: ClientConfig) => C, region: string): C {
      const client = make({
        endpoint: callableEndpoint(endpoint()),
        region,
        credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken },
        maxAttempts: 1,
        customUserAgent: `bulwark-remediation/${actionName}`,
      });
      built.push(client);
      return client;
    },
    close() {
      for (const client of built) client.destroy();
    },
  };
}
