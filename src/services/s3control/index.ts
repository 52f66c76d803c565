/**
 * Amazon S3 Control: the account-level Block Public Access configuration
 * (Get/Put/DeletePublicAccessBlock with x-amz-account-id). The settings join each bucket's own
 * (src/services/s3/public-access.ts: effectivePublicAccessBlock). Only the named account itself
 * may read or change them; IAM decides through s3:GetAccountPublicAccessBlock and
 * s3:PutAccountPublicAccessBlock (the action names are in src/authz/hints.ts).
 */
import { AwsError } from '../../core/aws-error.js';
import { ACCOUNT_PAB_ID, ACCOUNT_PAB_KIND, accountPabScope, accountPublicAccessBlock, publicAccessBlockFrom } from '../s3/public-access.js';
import type { OperationHandler, OperationInput, RequestContext, ServiceDefinition } from '../types.js';

/** The account the request names must be the caller's own. */
function requireOwnAccount(ctx: RequestContext, input: OperationInput): string {
  const account = String(input.AccountId ?? '');
  if (ctx.principal.type === 'Anonymous' || account !== ctx.principal.account) {
    throw new AwsError('AccessDenied', 'Access Denied', { status: 403 });
  }
  return account;
}

const notFound = (account: string): AwsError =>
  new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { status: 404, fields: { AccountId: account } });

const getPublicAccessBlock: OperationHandler = async (ctx, input) => {
  const account = requireOwnAccount(ctx, input);
  const found = await accountPublicAccessBlock(ctx.store, account);
  if (!found) throw notFound(account);
  return { PublicAccessBlockConfiguration: found };
};

const putPublicAccessBlock: OperationHandler = async (ctx, input) => {
  const account = requireOwnAccount(ctx, input);
  const block = publicAccessBlockFrom(input);
  await ctx.store.put(accountPabScope(account), ACCOUNT_PAB_KIND, ACCOUNT_PAB_ID, block);
  return {};
};

const deletePublicAccessBlock: OperationHandler = async (ctx, input) => {
  const account = requireOwnAccount(ctx, input);
  await ctx.store.delete(accountPabScope(account), ACCOUNT_PAB_KIND, ACCOUNT_PAB_ID);
  return {};
};

export const s3controlService: ServiceDefinition = {
  name: 's3control',
  operations: {
    GetPublicAccessBlock: getPublicAccessBlock,
    PutPublicAccessBlock: putPublicAccessBlock,
    DeletePublicAccessBlock: deletePublicAccessBlock,
  },
};
