/**
 * X.509 signing certificates of IAM users: Upload/List/Update/DeleteSigningCertificate. The
 * certificate id is derived from the certificate (its SHA-256), so the same certificate cannot be
 * uploaded twice in the account (DuplicateCertificate).
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { OperationHandler } from '../types.js';
import { iamScope, limitExceeded, noSuchEntity, nowIso, pageOutput, paginate, toDate } from './common.js';
import { parseCertificate } from './certificate-pem.js';
import { SIGNING_CERT_KIND } from './credential-kinds.js';
import { childId, listChildren, type EntityRecord } from './entities.js';
import { targetUser } from './users.js';

export const MAX_SIGNING_CERTS_PER_USER = 2;

interface SigningCertRecord {
  CertificateId: string;
  CertificateBody: string;
  Status: 'Active' | 'Inactive';
  UploadDate: string;
}

function output(user: EntityRecord, cert: SigningCertRecord): Record<string, unknown> {
  return { UserName: user.Name, CertificateId: cert.CertificateId, CertificateBody: cert.CertificateBody, Status: cert.Status, UploadDate: toDate(cert.UploadDate) };
}

function noSuchCert(id: string): AwsError {
  return noSuchEntity(`The Certificate with id ${id} cannot be found.`);
}

export const uploadSigningCertificate: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const body = (input.CertificateBody as string).trim();
  const cert = parseCertificate(body);
  const id = createHash('sha256').update(cert.raw).digest('hex').slice(0, 32).toUpperCase();
  return ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const all = (await tx.list<SigningCertRecord>(scope, SIGNING_CERT_KIND)).items;
    if (all.some((c) => c.value.CertificateId === id)) {
      throw new AwsError('DuplicateCertificate', `The Certificate with id ${id} already exists.`, { status: 409 });
    }
    if (all.filter((c) => c.id.startsWith(`${user.Id}/`)).length >= MAX_SIGNING_CERTS_PER_USER) {
      throw limitExceeded(`Cannot exceed quota for SigningCertificatesPerUser: ${MAX_SIGNING_CERTS_PER_USER}`);
    }
    const record: SigningCertRecord = { CertificateId: id, CertificateBody: body, Status: 'Active', UploadDate: nowIso() };
    await tx.put(scope, SIGNING_CERT_KIND, childId(user.Id, id), record, { expectVersion: 0 });
    return { Certificate: output(user, record) };
  });
};

export const listSigningCertificates: OperationHandler = async (ctx, input) => {
  const user = await targetUser(ctx, ctx.store, input.UserName);
  const certs = (await listChildren<SigningCertRecord>(ctx.store, iamScope(ctx), SIGNING_CERT_KIND, user.Id)).map((c) => c.value);
  certs.sort((a, b) => (a.CertificateId < b.CertificateId ? -1 : 1));
  return pageOutput('Certificates', paginate(certs, (c) => c.CertificateId, input), (c) => output(user, c));
};

export const updateSigningCertificate: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const id = input.CertificateId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    const cert = await tx.get<SigningCertRecord>(scope, SIGNING_CERT_KIND, childId(user.Id, id));
    if (!cert) throw noSuchCert(id);
    await tx.put(scope, SIGNING_CERT_KIND, cert.id, { ...cert.value, Status: input.Status as SigningCertRecord['Status'] });
  });
  return {};
};

export const deleteSigningCertificate: OperationHandler = async (ctx, input) => {
  const id = input.CertificateId as string;
  await ctx.store.transaction(async (tx) => {
    const user = await targetUser(ctx, tx, input.UserName);
    if (!(await tx.delete(iamScope(ctx), SIGNING_CERT_KIND, childId(user.Id, id)))) throw noSuchCert(id);
  });
  return {};
};
