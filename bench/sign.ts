import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** A request the load generator sends: signed by the SDK's own SigV4 signer. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface UnsignedRequest {
  service: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const ROOT: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Signs as the default account's root (`test`/`test`) unless other credentials are given. */
export async function sign(endpoint: string, req: UnsignedRequest, region = 'us-east-1', credentials: Credentials = ROOT): Promise<WireRequest> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: req.service, region, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: req.method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: req.path, headers: { ...req.headers, host: url.host }, body: req.body }),
  );
  return { method: req.method, path: req.path, headers: signed.headers as Record<string, string>, body: req.body };
}
