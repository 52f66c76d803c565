import { serviceCatalog } from '../../models/index.js';
import { parseQueryString, type HttpRequest } from '../../protocol/http.js';

/**
 * Step 1 — route: which service a request is for, the way AWS front ends tell: the JSON
 * protocol's X-Amz-Target, the SigV4 credential scope's service, the Host name, the query
 * protocol's Version; anything else is S3 (as with AWS's own S3 endpoints).
 */
export interface Route {
  service: string;
  /** The region from the credential scope or Host, if any. */
  region?: string;
}

interface RoutingTables {
  byTargetPrefix: Map<string, string>;
  bySigningName: Map<string, string[]>;
  byEndpointPrefix: Map<string, string>;
  byQueryVersion: Map<string, string>;
}

let tables: RoutingTables | undefined;

function routingTables(): RoutingTables {
  if (tables) return tables;
  const t: RoutingTables = { byTargetPrefix: new Map(), bySigningName: new Map(), byEndpointPrefix: new Map(), byQueryVersion: new Map() };
  for (const [name, md] of Object.entries(serviceCatalog())) {
    if (md.targetPrefix) t.byTargetPrefix.set(md.targetPrefix, name);
    t.bySigningName.set(md.signingName, [...(t.bySigningName.get(md.signingName) ?? []), name]);
    t.byEndpointPrefix.set(md.endpointPrefix, name);
    if (md.protocol === 'query' || md.protocol === 'ec2') t.byQueryVersion.set(md.apiVersion, name);
  }
  tables = t;
  return t;
}

const CREDENTIAL_SCOPE = /Credential=[^/,\s]*\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
const PRESIGNED_SCOPE = /(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|\/)\d{8}(?:%2F|\/)([^&%/]+)(?:%2F|\/)([^&%/]+)(?:%2F|\/)aws4_request/i;

function credentialScope(req: HttpRequest): { region: string; service: string } | undefined {
  const auth = req.headers.authorization;
  const m = auth ? CREDENTIAL_SCOPE.exec(auth) : PRESIGNED_SCOPE.exec(req.rawQuery);
  return m ? { region: m[1], service: m[2] } : undefined;
}

/** `kms.us-west-2.amazonaws.com`, `sts.localhost:4566` → endpoint prefix and maybe region. */
function hostHint(req: HttpRequest, t: RoutingTables): { service?: string; region?: string } {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const labels = host.split('.');
  if (labels.length < 2) return {};
  if (labels.includes('s3', 1)) return { service: 's3' }; // a virtual-hosted bucket: kms.s3.localhost
  const service = t.byEndpointPrefix.get(labels[0]);
  const region = /^[a-z]{2}(-[a-z]+)+-\d+$/.test(labels[1] ?? '') ? labels[1] : undefined;
  return { service, region };
}

function queryVersion(req: HttpRequest): string | undefined {
  const form = req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const params = parseQueryString(form ? req.body.toString('latin1') : req.rawQuery);
  const action = params.find(([k]) => k === 'Action');
  if (!action) return undefined;
  return params.find(([k]) => k === 'Version')?.[1];
}

export function routeRequest(req: HttpRequest): Route {
  const t = routingTables();
  const scope = credentialScope(req);
  const target = req.headers['x-amz-target'];
  if (target) {
    const service = t.byTargetPrefix.get(target.slice(0, target.lastIndexOf('.')));
    if (service) return { service, region: scope?.region };
  }
  if (scope) {
    const candidates = t.bySigningName.get(scope.service);
    if (candidates?.length === 1) return { service: candidates[0], region: scope.region };
    if (scope.service === 's3') return { service: req.path.startsWith('/v20180820/') ? 's3control' : 's3', region: scope.region };
  }
  const host = hostHint(req, t);
  if (host.service && host.service !== 's3') return { service: host.service, region: scope?.region ?? host.region };
  const version = queryVersion(req);
  const byVersion = version && t.byQueryVersion.get(version);
  if (byVersion) return { service: byVersion, region: scope?.region ?? host.region };
  return { service: 's3', region: scope?.region ?? host.region };
}
