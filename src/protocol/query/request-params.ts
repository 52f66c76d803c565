import { parseQueryString, type HttpRequest } from '../http.js';
import { buildParamTree, type ParamNode } from './param-tree.js';

/**
 * The parameters of a query/ec2 request: the form-encoded POST body and the URL query string
 * (GET requests and presigned URLs put everything there). SigV4 presigning parameters
 * (`X-Amz-Signature`, …) are authentication, not input, and are left out.
 */
export interface RequestParams {
  action?: string;
  version?: string;
  tree: ParamNode;
}

/**
 * The parsed parameters ride on the request itself, under a module-private symbol in a
 * non-enumerable property (so a copy such as `{ ...req, body }` does not inherit them): a
 * WeakMap keyed by short-lived requests costs more, in lookups and garbage collection.
 */
const PARAMS = Symbol('query request params');
type MemoizedRequest = HttpRequest & { [PARAMS]?: RequestParams };

/** Parsed once per request: resolveOperation and parseRequest both read it. */
export function requestParams(req: HttpRequest): RequestParams {
  let params = (req as MemoizedRequest)[PARAMS];
  if (params === undefined) {
    params = readParams(req);
    Object.defineProperty(req, PARAMS, { value: params });
  }
  return params;
}

function readParams(req: HttpRequest): RequestParams {
  const pairs = parseQueryString(req.rawQuery);
  if (hasFormBody(req)) pairs.push(...parseQueryString(req.body.toString('utf8')));
  const kept: [string, string][] = [];
  let action: string | undefined;
  let version: string | undefined;
  for (const pair of pairs) {
    const [name, value] = pair;
    if (name === 'Action') action ??= value;
    else if (name === 'Version') version ??= value;
    else if (!isAuthParam(name)) kept.push(pair);
  }
  return { action, version, tree: buildParamTree(kept) };
}

function hasFormBody(req: HttpRequest): boolean {
  if (req.body.length === 0) return false;
  const type = req.headers['content-type'];
  return type === undefined || type === '' || type.toLowerCase().includes('application/x-www-form-urlencoded');
}

function isAuthParam(name: string): boolean {
  return name.length > 6 && name.slice(0, 6).toLowerCase() === 'x-amz-';
}
