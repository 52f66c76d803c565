/**
 * The products whose findings Bulwark's Security Hub takes: GuardDuty (`aws/guardduty`, imported
 * from Bulwark's GuardDuty when its integration is enabled — by default with the hub), Security
 * Hub itself (`aws/securityhub`), and each account's default product for its own findings
 * (`product/<account>/default`, BatchImportFindings, never needing a subscription).
 */
import type { Scope } from '../../store/index.js';
import { arnPrefix, partitionOf } from './common.js';

export interface ProductDefinition {
  /** `<company id>/<product id>`. */
  key: string;
  name: string;
  company: string;
  description: string;
  categories: string[];
}

const AWS_PRODUCTS: ProductDefinition[] = [
  { key: 'aws/guardduty', name: 'GuardDuty', company: 'Amazon', description: 'Amazon GuardDuty threat detection findings (from Bulwark’s GuardDuty).', categories: ['Intrusion Detection Systems (IDS)'] },
  { key: 'aws/securityhub', name: 'Security Hub', company: 'AWS', description: 'Findings Security Hub generates.', categories: ['Compliance'] },
];

/** Subscribed when a hub is enabled. */
export const DEFAULT_SUBSCRIPTIONS = ['aws/guardduty', 'aws/securityhub'];

export const defaultProductKey = (account: string): string => `${account}/default`;

export function productArn(region: string, key: string, account: string): string {
  return key.startsWith('aws/') ? `arn:${partitionOf(region)}:securityhub:${region}::product/${key}` : `${arnPrefix(region, account)}:product/${key}`;
}

export const subscriptionArn = (scope: Scope, key: string): string => `${arnPrefix(scope.region, scope.account)}:product-subscription/${key}`;

/** The products an account sees in a Region (AWS products, then its own default product). */
export function productsFor(scope: Scope): Array<ProductDefinition & { arn: string }> {
  const own: ProductDefinition = { key: defaultProductKey(scope.account), name: 'Default', company: 'Personal', description: 'Your own findings, imported with BatchImportFindings.', categories: [] };
  return [...AWS_PRODUCTS, own].map((p) => ({ ...p, arn: productArn(scope.region, p.key, scope.account) }));
}

/** The region, account and key a product ARN names, if it is one. */
export function parseProductArn(arn: string): { region: string; account: string; key: string } | undefined {
  const m = /^arn:aws(?:-cn|-us-gov)?:securityhub:([a-z0-9-]+):(\d{12})?:product\/([^/]+\/[^/]+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2] ?? '', key: m[3]! } : undefined;
}

export function parseSubscriptionArn(arn: string): { region: string; account: string; key: string } | undefined {
  const m = /^arn:aws(?:-cn|-us-gov)?:securityhub:([a-z0-9-]+):(\d{12}):product-subscription\/([^/]+\/[^/]+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, key: m[3]! } : undefined;
}

export function awsProduct(key: string): ProductDefinition | undefined {
  return AWS_PRODUCTS.find((p) => p.key === key);
}
