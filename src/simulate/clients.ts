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

type ClientConfig = { endpoint: string; region: string; credentials?: AccessKeys; maxAttempts: number };

/** How each service's client is made (S3 in path style: Bulwark serves every bucket on one host). */
const FACTORIES = {
  iam: (config: ClientConfig) => new IAMClient(config),
  sts: (config: ClientConfig) => new STSClient(config),
  organizations: (config: ClientConfig) => new OrganizationsClient(config),
  kms: (config: ClientConfig) => new KMSClient(config),
  s3: (config: ClientConfig) => new S3Client({ ...config, forcePathStyle: true }),
  secretsManager: (config: ClientConfig) => new SecretsManagerClient(config),
  ssm: (config: ClientConfig) => new SSMClient(config),
  cloudTrail: (config: ClientConfig) => new CloudTrailClient(config),
  guardDuty: (config: ClientConfig) => new GuardDutyClient(config),
};

type ServiceName = keyof typeof FACTORIES;

export type SimulationClients = { readonly [S in ServiceName]: ReturnType<(typeof FACTORIES)[S]> } & {
  readonly settings: ClientSettings;
  /** Closes every client built so far (their idle connections). */
  close(): void;
};

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
  const config: ClientConfig = { endpoint: settings.endpoint, region: settings.region, credentials: settings.credentials, maxAttempts: 1 };
  const built = new Map<ServiceName, Sendable>();
  const clients = {
    settings,
    close() {
      for (const client of built.values()) client.destroy();
      built.clear();
    },
  };
  for (const name of Object.keys(FACTORIES) as ServiceName[]) {
    Object.defineProperty(clients, name, {
      enumerable: true,
      get() {
        let client = built.get(name);
        if (!client) {
          client = overrideUserAgent(FACTORIES[name](config), settings.userAgent);
          built.set(name, client);
        }
        return client;
      },
    });
  }
  return clients as SimulationClients;
}

/** The same endpoint and Region with other credentials or another User-Agent. */
export function clientsLike(clients: SimulationClients, changes: Partial<ClientSettings>): SimulationClients {
  return simulationClients({ ...clients.settings, ...changes });
}
