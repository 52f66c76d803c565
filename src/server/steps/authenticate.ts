import type { AccessKeyRecord, CredentialDirectory } from '../../accounts/credential-directory.js';
import { type Principal } from '../../accounts/principal.js';
import { AuthFailure, authErrorFor, decodeAwsChunked, verifiedBodyStream, verifySigV4, type Credential, type VerifySigV4Options } from '../../auth/index.js';
import type { OperationModel, ServiceModel } from '../../models/index.js';
import type { HttpRequest } from '../../protocol/http.js';

/**
 * Step 3 — authenticate: SigV4 (header or presigned form) against the credential directory.
 * Operations the model marks `authtype: none` (e.g. STS AssumeRoleWithWebIdentity), and every
 * S3 operation, may come unsigned and run as Anonymous. Failures become the protocol's AWS error. A streaming
 * (aws-chunked) body is verified chunk by chunk and replaced by its decoded payload.
 */
export interface Authentication {
  principal: Principal;
  region?: string;
  sessionToken?: string;
  /** Signed in the query string (a presigned URL) rather than the Authorization header. */
  presigned?: boolean;
}

type DirectoryCredential = Credential & { record: AccessKeyRecord };

function toCredential(record: AccessKeyRecord): DirectoryCredential {
  return {
    accessKeyId: record.accessKeyId,
    secretAccessKey: record.secretAccessKey,
    sessionToken: record.sessionToken,
    account: record.principal.account,
    principalArn: record.principal.arn,
    expiresAt: record.expiration ? new Date(record.expiration) : undefined,
    record,
  };
}

function isSigned(req: HttpRequest): boolean {
  return req.headers.authorization !== undefined || req.rawQuery.includes('X-Amz-Signature=') || req.rawQuery.includes('X-Amz-Credential=');
}

function anonymous(account: string): Principal {
  return { type: 'Anonymous', account, arn: '*', userId: 'anonymous' };
}

/**
 * The authenticate step over one credential directory. Its lookup callbacks are built once
 * here rather than per request.
 */
export function createAuthenticator(directory: CredentialDirectory): (req: HttpRequest, model: ServiceModel, op: OperationModel | undefined) => Promise<Authentication> {
  const lookup = async (akid: string): Promise<DirectoryCredential | undefined> => {
    const record = await directory.lookup(akid);
    return record ? toCredential(record) : undefined;
  };
  const options: VerifySigV4Options = {
    acceptAnyKey: (akid) => {
      const principal = directory.anyKeyPrincipal(akid);
      return principal ? toCredential({ accessKeyId: akid, secretAccessKey: '', principal }) : undefined;
    },
  };

  return async (req, model, op) => {
    // S3 takes unsigned requests on every operation: they run as Anonymous, and only a bucket
    // policy or ACL that grants everyone lets them through (the authorize step decides).
    if ((op?.authtype === 'none' || model.name === 's3') && !isSigned(req)) return { principal: anonymous(directory.defaultAccount) };
    try {
      const result = await verifySigV4(req, lookup, options);
      if (req.bodyStream) {
        // Streamed to disk: verified (payload hash, chunk signatures) as it passes; aws-chunked
        // trailers arrive with its end (DecodingStream.trailers).
        const protocol = model.metadata.protocol;
        req.bodyStream = verifiedBodyStream(req.bodyStream, result, (failure) => authErrorFor(failure, protocol));
      } else if (result.streaming) {
        // aws-chunked upload: from here on the body is the decoded payload, and the trailers
        // (e.g. x-amz-checksum-crc32) read as headers, as S3 treats them.
        const decoded = decodeAwsChunked(req.body, result.streaming);
        req.body = decoded.payload;
        Object.assign(req.headers, decoded.trailers);
      }
      const record = (result.credential as DirectoryCredential).record;
      directory.noteUse(record, result.scope.region, result.scope.service);
      return { principal: record.principal, region: result.scope.region, sessionToken: record.sessionToken, presigned: result.presigned };
    } catch (err) {
      if (err instanceof AuthFailure) throw authErrorFor(err, model.metadata.protocol);
      throw err;
    }
  };
}
