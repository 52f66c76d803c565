import { EnableSecurityHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ServiceEvent } from '../../src/core/service-events.js';
import type { Bulwark } from '../../src/app.js';
import { clientConfig, creds, type Keys } from '../support/aws-clients.js';

/**
 * What the Security Hub suites share: clients (as the default root, or another account's root
 * on a server with --accept-any-key, in any Region), ASFF findings of an account's default
 * product, and the events Security Hub sent to EventBridge.
 */

export const ACCOUNT = '000000000000';

export function securityhub(endpoint: string, as: Keys | string = clientConfig(endpoint).credentials, region = 'us-east-1'): SecurityHubClient {
  const credentials = typeof as === 'string' ? creds(as) : as;
  return new SecurityHubClient({ ...clientConfig(endpoint, credentials), region });
}

export async function enabledHub(endpoint: string, as: Keys | string = clientConfig(endpoint).credentials, region = 'us-east-1'): Promise<SecurityHubClient> {
  const client = securityhub(endpoint, as, region);
  await client.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  return client;
}

export const defaultProduct = (account = ACCOUNT, region = 'us-east-1'): string => `arn:aws:securityhub:${region}:${account}:product/${account}/default`;

/** A valid finding of `account`'s default product (UpdatedAt = CreatedAt = `at`). */
export function asff(id: string, overrides: Partial<AwsSecurityFinding> & Record<string, unknown> = {}, account = ACCOUNT, region = 'us-east-1', at = new Date().toISOString()): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: defaultProduct(account, region),
    GeneratorId: 'bulwark-tests',
    AwsAccountId: account,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: 'MEDIUM' },
    Title: `Finding ${id}`,
    Description: `The finding ${id}.`,
    Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:${region}:${account}:instance/i-${id}`, Partition: 'aws', Region: region }],
    ...overrides,
  } as AwsSecurityFinding;
}

/** Records Security Hub's events on the server's service event bus; `stop` unsubscribes. */
export function securityHubEvents(bulwark: Bulwark): { events: ServiceEvent[]; stop(): void } {
  const events: ServiceEvent[] = [];
  const stop = bulwark.serviceEvents.subscribe((event) => {
    if (event.source === 'aws.securityhub') events.push(event);
  });
  return { events, stop: () => void stop() };
}

export const NOT_SUBSCRIBED = (account = ACCOUNT): string => `Account ${account} is not subscribed to AWS Security Hub`;
