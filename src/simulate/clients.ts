/**
 * The SDK v3 clients a simulation calls Bulwark with: one set per identity, created on first
 * use, all aimed at the given endpoint and Region (S3 in path style, no retries: a failed
 * call should say so at once).
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/** Access keys as the SDK takes them. */
export interface AccessKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientSettings {
  endpoint: string;
  region: string;
  /** Undefined: the SDK's default provider chain (environment, shared files, …). */
  credentials?: AccessKeys;
  /** Replaces the whole User-Agent header (CloudTrail records it as the call's userAgent). */
  userAgent?: string;
}

export interface SimulationClients {
  readonly settings: ClientSettings;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly organizations: OrganizationsClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly cloudTrail: CloudTrailClient;
  readonly guardDuty: GuardDutyClient;
  /** Closes every client built so far (their idle connections). */
  close(): void;
}

interface Sendable {
  destroy(): void;
  middlewareStack: { addRelativeTo(middleware: any, options: { name: string; relation: 'after'; toMiddleware: string }): void };
}

/** Sets the User-Agent header after the SDK wrote its own. */
function overrideUserAgent<C extends Sendable>(client: C, userAgent: string | undefined): C {
  if (userAgent === undefined) return client;
  client.middlewareStack.addRelativeTo(
    (next: (args: { request: { headers?: Record<string, string> } }) => unknown) => (args: { request: { headers?: Record<string, string> } }) => {
      if (args.request.headers) args.request.headers['user-agent'] = userAgent;
      return next(args);
    },
    { name: 'bulwarkSimulateUserAgent', relation: 'after', toMiddleware: 'getUserAgentMiddleware' },
  );
  return client;
}

/** Clients for one identity; each is built on first use. */
export function simulationClients(settings: ClientSettings): SimulationClients {
  const config = { endpoint: settings.endpoint, region: settings.region, credentials: settings.credentials, maxAttempts: 1 };
  const cache = new Map<string, unknown>();
  const lazy = <C extends Sendable>(key: string, make: () => C): C => {
    let client = cache.get(key) as C | undefined;
    if (!client) {
      client = overrideUserAgent(make(), settings.userAgent);
      cache.set(key, client);
    }
    return client;
  };
  return {
    settings,
    close() {
      for (const client of cache.values()) (client as Sendable).destroy();
      cache.clear();
    },
    get iam() {
      return lazy('iam', () => new IAMClient(config));
    },
    get sts() {
      return lazy('sts', () => new STSClient(config));
    },
    get organizations() {
      return lazy('organizations', () => new OrganizationsClient(config));
    },
    get kms() {
      return lazy('kms', () => new KMSClient(config));
    },
    get s3() {
      return lazy('s3', () => new S3Client({ ...config, forcePathStyle: true }));
    },
    get secretsManager() {
      return lazy('secretsManager', () => new SecretsManagerClient(config));
    },
    get ssm() {
      return lazy('ssm', () => new SSMClient(config));
    },
    get cloudTrail() {
      return lazy('cloudTrail', () => new CloudTrailClient(config));
    },
    get guardDuty() {
      return lazy('guardDuty', () => new GuardDutyClient(config));
    },
  };
}

/** The same endpoint and Region with other credentials or another User-Agent. */
export function clientsLike(clients: SimulationClients, changes: Partial<ClientSettings>): SimulationClients {
  return simulationClients({ ...clients.settings, ...changes });
}
