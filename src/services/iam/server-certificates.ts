/**
 * Server certificates: Upload/Get/List/Update/DeleteServerCertificate and their tags.
 *
 * The private key is checked against the certificate at upload (KeyPairMismatch) and then
 * dropped: no IAM API returns it and nothing in Bulwark terminates TLS with it, so it is never
 * stored, returned or logged. Names are unique case-insensitively; records are keyed by the
 * lower-cased name.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AwsError } from '../../core/aws-error.js';
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler, OperationInput } from '../types.js';
import {
  entityAlreadyExists,
  iamArn,
  iamScope,
  limitExceeded,
  nameKey,
  newId,
  noSuchEntity,
  nowIso,
  outputTags,
  pageOutput,
  paginate,
  requestTags,
  toDate,
  type Tag,
} from './common.js';
import { malformedCertificate, parseCertificate, pemBlocks } from './certificate-pem.js';

export const SERVER_CERT_KIND = 'iam:server-certificate';
export const MAX_SERVER_CERTS = 20;

interface ServerCertRecord {
  ServerCertificateId: string;
  ServerCertificateName: string;
  Path: string;
  Arn: string;
  UploadDate: string;
  Expiration: string;
  CertificateBody: string;
  CertificateChain?: string;
  Tags?: Tag[];
}

function metadata(r: ServerCertRecord): Record<string, unknown> {
  return {
    Path: r.Path,
    ServerCertificateName: r.ServerCertificateName,
    ServerCertificateId: r.ServerCertificateId,
    Arn: r.Arn,
    UploadDate: toDate(r.UploadDate),
    Expiration: toDate(r.Expiration),
  };
}

async function requireCert(ops: StoreOps, scope: Scope, name: string): Promise<ServerCertRecord> {
  const found = await ops.get<ServerCertRecord>(scope, SERVER_CERT_KIND, name.toLowerCase());
  if (!found) throw noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);
  return found.value;
}

function keyPairMismatch(): AwsError {
  return new AwsError('KeyPairMismatch', 'Public key certificate and private key doesn\'t match.', { status: 400 });
}

/** Checks that `privateKeyPem` is the key of `cert`; the key goes out of scope right after. */
function checkKeyPair(cert: X509Certificate, privateKeyPem: string): void {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw malformedCertificate('Unable to parse private key.');
  }
  if (!cert.checkPrivateKey(key)) throw keyPairMismatch();
}

export const uploadServerCertificate: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  const name = input.ServerCertificateName as string;
  const path = (input.Path as string | undefined) ?? '/';
  const body = (input.CertificateBody as string).trim();
  const cert = parseCertificate(body);
  checkKeyPair(cert, input.PrivateKey as string);
  const chain = typeof input.CertificateChain === 'string' ? input.CertificateChain.trim() : undefined;
  if (chain !== undefined) {
    for (const block of pemBlocks(chain)) {
      try {
        new X509Certificate(block);
      } catch {
        throw malformedCertificate('Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.');
      }
    }
  }
  const tags = requestTags(input);
  return ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, SERVER_CERT_KIND, name.toLowerCase())) throw entityAlreadyExists(`The Server Certificate with name ${name} already exists.`);
    if ((await tx.list(scope, SERVER_CERT_KIND)).items.length >= MAX_SERVER_CERTS) {
      throw limitExceeded(`Cannot exceed quota for ServerCertificatesPerAccount: ${MAX_SERVER_CERTS}`);
    }
    const record: ServerCertRecord = {
      ServerCertificateId: newId('ASCA'),
      ServerCertificateName: name,
      Path: path,
      Arn: iamArn(ctx.account, 'server-certificate', path, name),
      UploadDate: nowIso(),
      Expiration: new Date(cert.validTo).toISOString(),
      CertificateBody: body,
      CertificateChain: chain,
      Tags: tags,
    };
    await tx.put(scope, SERVER_CERT_KIND, name.toLowerCase(), record, { expectVersion: 0 });
    return { ServerCertificateMetadata: metadata(record), Tags: outputTags(tags) };
  });
};

export const getServerCertificate: OperationHandler = async (ctx, input) => {
  const r = await requireCert(ctx.store, iamScope(ctx), input.ServerCertificateName as string);
  return {
    ServerCertificate: {
      ServerCertificateMetadata: metadata(r),
      CertificateBody: r.CertificateBody,
      CertificateChain: r.CertificateChain,
      Tags: outputTags(r.Tags),
    },
  };
};

export const listServerCertificates: OperationHandler = async (ctx, input) => {
  const prefix = input.PathPrefix as string | undefined;
  const certs = (await ctx.store.list<ServerCertRecord>(iamScope(ctx), SERVER_CERT_KIND)).items
    .map((i) => i.value)
    .filter((r) => !prefix || r.Path.startsWith(prefix))
    .sort((a, b) => (nameKey(a.ServerCertificateName) < nameKey(b.ServerCertificateName) ? -1 : 1));
  return pageOutput('ServerCertificateMetadataList', paginate(certs, (r) => nameKey(r.ServerCertificateName), input), metadata);
};

export const updateServerCertificate: OperationHandler = async (ctx, input) => {
  const scope = iamScope(ctx);
  await ctx.store.transaction(async (tx) => {
    const r = await requireCert(tx, scope, input.ServerCertificateName as string);
    const name = (input.NewServerCertificateName as string | undefined) ?? r.ServerCertificateName;
    const path = (input.NewPath as string | undefined) ?? r.Path;
    if (name.toLowerCase() !== r.ServerCertificateName.toLowerCase()) {
      if (await tx.get(scope, SERVER_CERT_KIND, name.toLowerCase())) throw entityAlreadyExists(`The Server Certificate with name ${name} already exists.`);
      await tx.delete(scope, SERVER_CERT_KIND, r.ServerCertificateName.toLowerCase());
    }
    const updated = { ...r, ServerCertificateName: name, Path: path, Arn: iamArn(ctx.account, 'server-certificate', path, name) };
    await tx.put(scope, SERVER_CERT_KIND, name.toLowerCase(), updated);
  });
  return {};
};

export const deleteServerCertificate: OperationHandler = async (ctx, input) => {
  const name = input.ServerCertificateName as string;
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.delete(iamScope(ctx), SERVER_CERT_KIND, name.toLowerCase()))) {
      throw noSuchEntity(`The Server Certificate with name ${name} cannot be found.`);
    }
  });
  return {};
};

/** The tag target (see tags.ts) of the certificate named by ServerCertificateName. */
export async function serverCertTagTarget(ops: StoreOps, scope: Scope, input: OperationInput): Promise<{ tags: Tag[]; save(tags: Tag[]): Promise<void> }> {
  const r = await requireCert(ops, scope, input.ServerCertificateName as string);
  return {
    tags: r.Tags ?? [],
    save: async (tags) => {
      await ops.put(scope, SERVER_CERT_KIND, r.ServerCertificateName.toLowerCase(), { ...r, Tags: tags });
    },
  };
}
