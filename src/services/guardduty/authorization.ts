/**
 * What GuardDuty tells the authorizer (src/authz/authorizer.ts):
 *
 *   targets   IAM's ARN templates name members the API spells otherwise — a filter's
 *             `${FilterName}` is CreateFilter's `Name`, `${IPSetId}` is `IpSetId`,
 *             `${PublishingDestinationId}` is `DestinationId` — so those calls get their
 *             resource ARN (…:detector/<id>/filter/<name>, /ipset/<id>,
 *             /publishingdestination/<id>) here instead of `*`.
 *   resource  a stored detector, filter, list or destination: its tags as aws:ResourceTag/….
 */
import type { ContextValue } from '../../iam/policy/index.js';
import type { AuthorizationTarget, OperationInput, RequestContext, ResourceAccess, ServiceAuthorization } from '../types.js';
import { detectorArn } from './common.js';
import { callerScope } from './lookup.js';
import { parseGuardDutyArn, resourceOfArn } from './resource-arns.js';

/** Operation → [path segment, input member] of the sub-resource it acts on. */
const NAMED_CHILD: Record<string, [string, string]> = {
  CreateFilter: ['filter', 'Name'],
  GetIPSet: ['ipset', 'IpSetId'],
  UpdateIPSet: ['ipset', 'IpSetId'],
  DeleteIPSet: ['ipset', 'IpSetId'],
  DescribePublishingDestination: ['publishingdestination', 'DestinationId'],
  UpdatePublishingDestination: ['publishingdestination', 'DestinationId'],
  DeletePublishingDestination: ['publishingdestination', 'DestinationId'],
};

/** Ids and names go into the ARN as they are when they are plain (letters, digits, `-_.`); anything else keeps the generic requirement. */
const usable = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_.-]{1,300}$/.test(value);

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  const named = NAMED_CHILD[ctx.operation];
  if (!named || !usable(input.DetectorId) || !usable(input[named[1]])) return generic;
  const resource = `${detectorArn(callerScope(ctx), input.DetectorId)}/${named[0]}/${input[named[1]] as string}`;
  return generic.map((t) => ({ ...t, resource }));
}

async function resource(ctx: RequestContext, arn: string): Promise<ResourceAccess | undefined> {
  const parsed = parseGuardDutyArn(arn);
  if (!parsed) return undefined;
  const found = await resourceOfArn(ctx.store, parsed);
  if (!found) return undefined;
  const context: Record<string, ContextValue> = { 'aws:ResourceAccount': parsed.scope.account };
  for (const [key, value] of Object.entries(found.record.Tags ?? {})) context[`aws:ResourceTag/${key}`] = value;
  return { arn, context };
}

export const guarddutyAuthorization: ServiceAuthorization = { targets, resource };
