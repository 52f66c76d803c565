/**
 * GenerateCredentialReport and GetCredentialReport. The report is built at once (the first
 * Generate answers STARTED, later ones COMPLETE while the report is under four hours old, as
 * IAM does) and stored per account; Get returns it as AWS writes it: CSV, the `<root_account>`
 * row first, then every user by name, `true`/`false`, ISO 8601 times with `+00:00`, and
 * `N/A`, `no_information` and `not_supported` where AWS puts them.
 *
 * Inputs: the users, their login profiles and access keys (the records the IAM API writes)
 * and the credential records' last use. Console sign-in is not modelled, so a user with a
 * password shows `no_information` for password_last_used. mfa_active reads the user's
 * assigned-device markers (`<user id>/…` under MFA_USER_KIND); signing certificates are not
 * modelled (cert_* false / N/A).
 */
import { AwsError } from '../../core/aws-error.js';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE } from '../../accounts/credential-directory.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { iamScope, nowIso } from './common.js';
import { accountCreateDate } from './account.js';
import type { IamAccessKey, UserAccessKeyRecord } from './access-keys.js';
import { CHILD, childId, hasChildren, listChildren, listEntities, type EntityRecord } from './entities.js';
import { MFA_USER_KIND } from './mfa-records.js';

const REPORT_KIND = 'iam:credential-report';
const REPORT_ID = 'current';
/** A report younger than this is returned by Generate as COMPLETE instead of being rebuilt. */
const REUSE_MS = 4 * 60 * 60 * 1000;
/** Where MFA devices would hang off a user (`<user id>/<serial>`); not written by Bulwark yet. */
const MFA_KINDS = [MFA_USER_KIND];

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

interface StoredReport {
  GeneratedTime: string;
  Content: string;
}

/** 2026-11-22T08:55:54+00:00, as the report writes times. */
function reportTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const NO_KEY = ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
const NO_CERTS = ['false', 'N/A', 'false', 'N/A'];

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function keyColumns(ctx: RequestContext, key: IamAccessKey | undefined): Promise<string[]> {
  if (!key) return NO_KEY;
  const auth = (await ctx.store.get<UserAccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, key.AccessKeyId))?.value;
  const used = auth?.lastUsed;
  return [
    key.Status === 'Active' ? 'true' : 'false',
    reportTime(key.CreateDate),
    used ? reportTime(used.date) : 'N/A',
    used ? used.region : 'N/A',
    used ? used.serviceName : 'N/A',
  ];
}

async function mfaActive(ctx: RequestContext, user: EntityRecord): Promise<boolean> {
  for (const kind of MFA_KINDS) if (await hasChildren(ctx.store, iamScope(ctx), kind, user.Id)) return true;
  return false;
}

async function userRow(ctx: RequestContext, user: EntityRecord): Promise<string[]> {
  const scope = iamScope(ctx);
  const profile = (await ctx.store.get<{ CreateDate: string; PasswordLastChanged?: string }>(scope, CHILD.loginProfile, childId(user.Id, 'profile')))?.value;
  const keys = (await listChildren<IamAccessKey>(ctx.store, scope, CHILD.accessKey, user.Id))
    .map((k) => k.value)
    .sort((a, b) => (a.CreateDate < b.CreateDate ? -1 : a.CreateDate > b.CreateDate ? 1 : a.AccessKeyId < b.AccessKeyId ? -1 : 1));
  return [
    user.Name,
    user.Arn,
    reportTime(user.CreateDate),
    profile ? 'true' : 'false',
    profile ? 'no_information' : 'N/A',
    profile ? reportTime(profile.PasswordLastChanged ?? profile.CreateDate) : 'N/A',
    'N/A', // no account password policy with rotation is modelled
    (await mfaActive(ctx, user)) ? 'true' : 'false',
    ...(await keyColumns(ctx, keys[0])),
    ...(await keyColumns(ctx, keys[1])),
    ...NO_CERTS,
  ];
}

async function buildReport(ctx: RequestContext): Promise<string> {
  const users = await listEntities(ctx.store, iamScope(ctx), 'user');
  // The account is first recorded lazily: never report it younger than its oldest user.
  const created = [(await accountCreateDate(ctx)).toISOString(), ...users.map((u) => u.CreateDate)].sort()[0] as string;
  const root = [
    '<root_account>',
    `arn:aws:iam::${ctx.account}:root`,
    reportTime(created),
    'not_supported',
    'no_information',
    'not_supported',
    'not_supported',
    'false',
    ...NO_KEY,
    ...NO_KEY,
    ...NO_CERTS,
  ];
  const rows = [root];
  for (const user of users) rows.push(await userRow(ctx, user));
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n');
}

export const generateCredentialReport: OperationHandler = async (ctx) => {
  const scope = iamScope(ctx);
  const existing = (await ctx.store.get<StoredReport>(scope, REPORT_KIND, REPORT_ID))?.value;
  if (existing && Date.now() - Date.parse(existing.GeneratedTime) < REUSE_MS) return { State: 'COMPLETE' };
  const report: StoredReport = { GeneratedTime: nowIso(), Content: await buildReport(ctx) };
  await ctx.store.put(scope, REPORT_KIND, REPORT_ID, report);
  return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
};

export const getCredentialReport: OperationHandler = async (ctx) => {
  const found = (await ctx.store.get<StoredReport>(iamScope(ctx), REPORT_KIND, REPORT_ID))?.value;
  if (!found) {
    throw new AwsError('ReportNotPresent', 'Credential report does not exist. Use GenerateCredentialReport to generate one.', { status: 410 });
  }
  return { Content: Buffer.from(found.Content, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: new Date(found.GeneratedTime) };
};
