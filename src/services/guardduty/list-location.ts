/**
 * Where a list file is: the S3 URL forms GuardDuty accepts for a ThreatIntelSet's or IPSet's
 * Location (user guide, "To upload trusted IP lists and threat lists"):
 *
 *   https://s3.amazonaws.com/<bucket>/<key>        https://s3-<region>.amazonaws.com/<bucket>/<key>
 *   https://s3.<region>.amazonaws.com/<bucket>/<key>
 *   https://<bucket>.s3.amazonaws.com/<key>        https://<bucket>.s3-<region>.amazonaws.com/<key>
 *   https://<bucket>.s3.<region>.amazonaws.com/<key>                 (http:// as well)
 *   s3://<bucket>/<key>
 *
 * Anything else answers "the parameter location has an invalid value".
 */
import { invalidParameter } from './errors.js';

export interface ObjectLocation {
  bucket: string;
  key: string;
}

const PATH_STYLE_HOST = /^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/;
const VIRTUAL_HOST = /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/;

export function parseLocation(location: string): ObjectLocation {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw invalidParameter('location');
  }
  const path = decodePath(url.pathname.slice(1));
  let found: ObjectLocation | undefined;
  if (url.protocol === 's3:') found = { bucket: url.hostname, key: path };
  else if (url.protocol === 'https:' || url.protocol === 'http:') {
    const host = url.hostname.toLowerCase();
    const virtual = VIRTUAL_HOST.exec(host);
    if (virtual) found = { bucket: virtual[1]!, key: path };
    else if (PATH_STYLE_HOST.test(host)) {
      const slash = path.indexOf('/');
      if (slash > 0) found = { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
    }
  }
  if (!found || found.bucket === '' || found.key === '' || url.search !== '' || url.hash !== '') throw invalidParameter('location');
  return found;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw invalidParameter('location');
  }
}
