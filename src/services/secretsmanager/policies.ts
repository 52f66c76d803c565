/**
 * Resource policies: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy and
 * ValidateResourcePolicy. A policy must be a resource policy the engine compiles
 * (MalformedPolicyDocumentException with its reason otherwise). "Public" is decided as S3
 * decides it for bucket policies (s3/public-access.ts): an Allow to every principal not limited
 * by a condition on fixed callers. PutResourcePolicy with BlockPublicPolicy refuses such a
 * policy (PublicPolicyException); ValidateResourcePolicy reports it. The authorizer weighs the
 * stored policy with the caller's own (authorization.ts). Policies are replicated.
 */
import { compilePolicy, PolicyValidationError } from '../../iam/policy/index.js';
import { isPublicPolicy } from '../../iam/policy/public-statements.js';
import type { OperationHandler } from '../types.js';
import { malformedPolicy, publicPolicy } from './errors.js';
import { requireSecret, requireWritable } from './lookup.js';
import { changeSecret } from './writes.js';

/** The policy compiles as a resource policy; MalformedPolicyDocumentException otherwise. */
function checkPolicy(text: string, arn: string): void {
  try {
    compilePolicy(text, 'resource', arn);
  } catch (err) {
    if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
    // Unconfirmed wording.
    throw malformedPolicy('This resource policy contains a syntax error.');
  }
}

export const putResourcePolicy: OperationHandler = async (ctx, input) => {
  const text = input.ResourcePolicy as string;
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  checkPolicy(text, found.record.ARN);
  if (input.BlockPublicPolicy === true && isPublicPolicy(text)) throw publicPolicy();
  await changeSecret(ctx, found, (current) => {
    current.record.ResourcePolicy = text;
  });
  return { ARN: found.record.ARN, Name: found.record.Name };
};

export const getResourcePolicy: OperationHandler = async (ctx, input) => {
  const { record } = await requireSecret(ctx.store, ctx, input.SecretId as string);
  const out: Record<string, unknown> = { ARN: record.ARN, Name: record.Name };
  if (record.ResourcePolicy !== undefined) out.ResourcePolicy = record.ResourcePolicy;
  return out;
};

export const deleteResourcePolicy: OperationHandler = async (ctx, input) => {
  const found = await requireSecret(ctx.store, ctx, input.SecretId as string);
  requireWritable(found);
  await changeSecret(ctx, found, (current) => {
    delete current.record.ResourcePolicy;
  });
  return { ARN: found.record.ARN, Name: found.record.Name };
};

export const validateResourcePolicy: OperationHandler = async (ctx, input) => {
  const text = input.ResourcePolicy as string;
  const arn = typeof input.SecretId === 'string' ? (await requireSecret(ctx.store, ctx, input.SecretId)).record.ARN : undefined;
  checkPolicy(text, arn ?? 'secret');
  if (!isPublicPolicy(text)) return { PolicyValidationPassed: true, ValidationErrors: [] };
  // Unconfirmed wording: the check's name and message.
  return {
    PolicyValidationPassed: false,
    ValidationErrors: [{ CheckName: 'BROAD_ACCESS', ErrorMessage: 'The resource policy grants broad access to the secret, for example to a wildcard principal.' }],
  };
};
