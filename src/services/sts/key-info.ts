/** GetAccessKeyInfo and DecodeAuthorizationMessage. */
import { decodeAuthorizationMessage } from '../../accounts/authorization-messages.js';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type AccessKeyRecord } from '../../accounts/credential-directory.js';
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';

/**
 * The account owning an access key id. Keys Bulwark issued (IAM users' AKIA…, STS's ASIA…)
 * and the caller's own key are known exactly. AWS decodes the account from any key id; the
 * ids Bulwark issues are random, so an unknown key answers the caller's account.
 */
export const getAccessKeyInfo: OperationHandler = async (ctx, input) => {
  const id = input.AccessKeyId as string;
  if (id === ctx.principal.accessKeyId) return { Account: ctx.principal.account };
  const record = (await ctx.store.get<AccessKeyRecord>(ACCESS_KEY_SCOPE, ACCESS_KEY_KIND, id))?.value;
  return { Account: record?.principal.account ?? ctx.account };
};

/** Messages are encoded by Bulwark itself (AES-256-GCM under a per-process key). */
export const decodeAuthorizationMessageHandler: OperationHandler = (_ctx, input) => {
  const decoded = decodeAuthorizationMessage(input.EncodedMessage as string);
  if (decoded === undefined) {
    throw new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid or was not issued by this server.', { status: 400 });
  }
  return { DecodedMessage: decoded };
};
