/**
 * Service-specific credentials (CodeCommit HTTPS Git, Amazon Keyspaces):
 * Create/List/Update/Reset/DeleteServiceSpecificCredential.
 *
 * The password is generated and returned once by Create and Reset. Nothing in Bulwark
 * authenticates with it, so it is not stored at all (not even hashed).
 */
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, newId, noSuchEntity, nowIso, toDate } from './common.js';
import { SERVICE_CREDENTIAL_KIND } from './credential-kinds.js';
import { childId, listChildren, type EntityRecord } from './entities.js';
import { targetUser } from './users.js';

export const SUPPORTED_SERVICES = ['codecommit.amazonaws.com', 'cassandra.amazonaws.com'];
export const MAX_PER_SERVICE = 2;

interface ServiceCredentialRecord {
  ServiceSpecificCredentialId: string;
  ServiceName: string;
  ServiceUserName: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

function metadata(user: EntityRecord, c: ServiceCredentialRecord): Record<string, unknown> {
  return {
    UserName: user.Name,
    Status: c.Status,
    ServiceUserName: c.ServiceUserName,
    CreateDate: toDate(c.CreateDate),
    ServiceSpecificCredentialId: c.ServiceSpecificCredentialId,
    ServiceName: c.ServiceName,
  };
}

const newPassword = (): string => randomBytes(32).toString('base64');

function noSuchCredential(id: string): AwsError {
  return noSuchEntity(`No such credential ${id} exists`);
}

export const createServiceSpecificCredential: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const service = input.ServiceName as string;
  if (!SUPPORTED_SERVICES.includes(service)) {
    throw new AwsError('NotSupportedService', `No such service ${service} is supported for Service Specific Credentials`, { status: 404 });
  }
  return ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const existing = (await listChildren<ServiceCredentialRecord>(tx, scope, SERVICE_CREDENTIAL_KIND, user.Id)).filter((c) => c.value.ServiceName === service);
    if (existing.length >= MAX_PER_SERVICE) throw limitExceeded(`Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${MAX_PER_SERVICE}`);
    const record: ServiceCredentialRecord = {
      ServiceSpecificCredentialId: newId('ACCA'),
      ServiceName: service,
      ServiceUserName: `${user.Name}-at-${ctx.account}`,
      Status: 'Active',
      CreateDate: nowIso(),
    };
    await tx.put(scope, SERVICE_CREDENTIAL_KIND, childId(user.Id, record.ServiceSpecificCredentialId), record, { expectVersion: 0 });
    return { ServiceSpecificCredential: { ...metadata(user, record), ServicePassword: newPassword() } };
  });
};

export const listServiceSpecificCredentials: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const service = input.ServiceName as string | undefined;
  const creds = (await listChildren<ServiceCredentialRecord>(ctx.store, iamScope(ctx), SERVICE_CREDENTIAL_KIND, user.Id))
    .map((c) => c.value)
    .filter((c) => !service || c.ServiceName === service)
    .sort((a, b) => (a.CreateDate < b.CreateDate ? -1 : a.CreateDate > b.CreateDate ? 1 : a.ServiceSpecificCredentialId < b.ServiceSpecificCredentialId ? -1 : 1));
  return { ServiceSpecificCredentials: creds.map((c) => metadata(user, c)) };
};

export const updateServiceSpecificCredential: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const id = input.ServiceSpecificCredentialId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const found = await tx.get<ServiceCredentialRecord>(scope, SERVICE_CREDENTIAL_KIND, childId(user.Id, id));
    if (!found) throw noSuchCredential(id);
    await tx.put(scope, SERVICE_CREDENTIAL_KIND, found.id, { ...found.value, Status: input.Status as ServiceCredentialRecord['Status'] });
  });
  return {};
};

export const resetServiceSpecificCredential: OperationHandler = async (ctx, input) => {
  const id = input.ServiceSpecificCredentialId as string;
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const found = await ctx.store.get<ServiceCredentialRecord>(iamScope(ctx), SERVICE_CREDENTIAL_KIND, childId(user.Id, id));
  if (!found) throw noSuchCredential(id);
  return { ServiceSpecificCredential: { ...metadata(user, found.value), ServicePassword: newPassword() } };
};

export const deleteServiceSpecificCredential: OperationHandler = async (ctx, input) => {
  const id = input.ServiceSpecificCredentialId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    if (!(await tx.delete(iamScope(ctx), SERVICE_CREDENTIAL_KIND, childId(user.Id, id)))) throw noSuchCredential(id);
  });
  return {};
};
