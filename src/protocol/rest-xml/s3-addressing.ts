import type { HttpRequest } from '../http.js';

/**
 * S3 addressing. A request names its bucket either in the path (path style, `/bucket/key`) or
 * in the Host (virtual-hosted style, `Host: bucket.s3.us-east-1.amazonaws.com`, path `/key`).
 * Routing works on path style, so a virtual-hosted request's path is rewritten to
 * `/{bucket}{path}` first.
 *
 * A Host is virtual-hosted when it is `{bucket}.{endpoint}` for a known S3 endpoint: AWS's
 * (`s3.amazonaws.com`, `s3.{region}.amazonaws.com`, `s3-{region}.amazonaws.com`, dualstack,
 * FIPS, accelerate, `.cn`) or a local one (`localhost`, `s3.localhost`,
 * `localhost.localstack.cloud`, `s3.localhost.localstack.cloud`, optionally with a region).
 * Bucket names may hold dots and even `s3` labels, so the longest endpoint that leaves a
 * non-empty bucket wins; a Host that is itself an endpoint (or an IP address) is path style.
 */
const REGION = '[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d';

export const S3_ENDPOINT_PATTERNS: RegExp[] = [
  new RegExp(`^s3(?:-fips)?(?:\\.dualstack)?(?:[.-]${REGION})?\\.amazonaws\\.com(?:\\.cn)?$`),
  /^s3-external-1\.amazonaws\.com$/,
  /^s3-accelerate(?:\.dualstack)?\.amazonaws\.com$/,
  new RegExp(`^(?:s3\\.)?(?:${REGION}\\.)?localhost(?:\\.localstack\\.cloud)?$`),
];

const MAX_HOST = 300;
/** The characters of a bucket name that can be a DNS label (no uppercase, no underscores). */
const BUCKET = /^[a-z0-9][a-z0-9.-]*$/;

function isEndpoint(host: string): boolean {
  return S3_ENDPOINT_PATTERNS.some((re) => re.test(host));
}

/** The bucket a virtual-hosted Host names, or undefined for path style. */
export function virtualHostBucket(hostHeader: string | undefined): string | undefined {
  if (!hostHeader || hostHeader.length > MAX_HOST) return undefined;
  const host = hostHeader.toLowerCase().replace(/:\d*$/, '').replace(/\.$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host) || isEndpoint(host)) return undefined;
  const labels = host.split('.');
  for (let i = 1; i < labels.length; i++) {
    if (isEndpoint(labels.slice(i).join('.'))) {
      const bucket = labels.slice(0, i).join('.');
      return BUCKET.test(bucket) ? bucket : undefined;
    }
  }
  return undefined;
}

/** The request's path in path style (`/bucket/key`), whichever style it came in. */
export function s3PathStyle(req: HttpRequest): string {
  const bucket = virtualHostBucket(req.headers.host);
  if (!bucket) return req.path;
  return `/${bucket}${req.path.startsWith('/') ? req.path : `/${req.path}`}`;
}
