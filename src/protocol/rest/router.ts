import type { OperationModel, ServiceModel } from '../../models/index.js';
import { compileTemplate, matchTemplate, splitPath, type UriTemplate } from './uri-template.js';

/**
 * Finds the operation a REST request names by its method, path and query, precomputed once per
 * service. Several operations may fit one request (S3's `GET /{Bucket}` is ListObjects,
 * `?list-type=2` ListObjectsV2, `?tagging` GetBucketTagging…), so every fit is ranked, most
 * specific first:
 *   1. all of the route's required query parameters and headers are present (ListParts needs
 *      `uploadId`, CopyObject `x-amz-copy-source`);
 *   2. more literal path segments (`/automationrules/list` beats `/automationrules/{Id}`);
 *   3. more query literals of the requestUri (`?list-type=2`);
 *   4. more required query parameters and headers present (UploadPartCopy beats UploadPart);
 *   5. more of the route's optional query parameters present (ListDirectoryBuckets'
 *      `max-directory-buckets`);
 *   6. not deprecated (GetBucketLifecycleConfiguration over GetBucketLifecycle);
 *   7. the model's order.
 */
export interface RouteMatch {
  op: OperationModel;
  labels: Record<string, string>;
  /** Query names the requestUri itself carries (not input members). */
  queryLiterals: Set<string>;
}

interface Route {
  op: OperationModel;
  template: UriTemplate;
  requiredQuery: string[];
  requiredHeaders: string[];
  optionalQuery: string[];
  literalNames: Set<string>;
  index: number;
}

export class RestRouter {
  private readonly byMethod = new Map<string, Route[]>();

  constructor(model: ServiceModel) {
    let index = 0;
    for (const op of model.operations.values()) {
      const template = compileTemplate(op.http.requestUri);
      const shape = model.inputShape(op);
      const required = new Set(shape.required ?? []);
      const route: Route = { op, template, requiredQuery: [], requiredHeaders: [], optionalQuery: [], literalNames: new Set(template.queryLiterals.map(([n]) => n)), index: index++ };
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const wire = ref.locationName ?? name;
        if (ref.location === 'querystring' && model.shape(ref.shape).type !== 'map') {
          (required.has(name) ? route.requiredQuery : route.optionalQuery).push(wire);
        } else if (ref.location === 'header' && required.has(name)) {
          route.requiredHeaders.push(wire.toLowerCase());
        }
      }
      const method = op.http.method.toUpperCase();
      const list = this.byMethod.get(method) ?? [];
      list.push(route);
      this.byMethod.set(method, list);
    }
  }

  resolve(method: string, path: string, query: Map<string, string[]>, headers: Record<string, string>): RouteMatch | undefined {
    const raw = splitPath(path);
    let best: { route: Route; labels: Record<string, string>; score: number[] } | undefined;
    for (const route of this.byMethod.get(method.toUpperCase()) ?? []) {
      if (!queryLiteralsPresent(route.template, query)) continue;
      const labels = matchTemplate(route.template, raw);
      if (!labels) continue;
      const score = rank(route, query, headers);
      if (!best || better(score, best.score)) best = { route, labels, score };
    }
    return best && { op: best.route.op, labels: best.labels, queryLiterals: best.route.literalNames };
  }

  /** The labels of a given operation's route for this path (when the caller chose the operation). */
  matchOperation(op: OperationModel, path: string): RouteMatch | undefined {
    const route = this.byMethod.get(op.http.method.toUpperCase())?.find((r) => r.op === op || r.op.name === op.name);
    const labels = route && matchTemplate(route.template, splitPath(path));
    return route && labels ? { op: route.op, labels, queryLiterals: route.literalNames } : undefined;
  }

  /** The methods some route accepts for this path (for S3's 405 MethodNotAllowed). */
  methodsFor(path: string): string[] {
    const raw = splitPath(path);
    const methods: string[] = [];
    for (const [method, routes] of this.byMethod) {
      if (routes.some((r) => matchTemplate(r.template, raw))) methods.push(method);
    }
    return methods;
  }
}

function queryLiteralsPresent(t: UriTemplate, query: Map<string, string[]>): boolean {
  for (const [name, value] of t.queryLiterals) {
    const values = query.get(name);
    if (!values) return false;
    if (value !== undefined && !values.includes(value)) return false;
  }
  return true;
}

function rank(route: Route, query: Map<string, string[]>, headers: Record<string, string>): number[] {
  const requiredPresent = route.requiredQuery.filter((n) => query.has(n)).length + route.requiredHeaders.filter((h) => headers[h] !== undefined).length;
  const satisfied = requiredPresent === route.requiredQuery.length + route.requiredHeaders.length;
  return [
    satisfied ? 1 : 0,
    route.template.literalCount,
    route.template.queryLiterals.length,
    satisfied ? requiredPresent : -(route.requiredQuery.length + route.requiredHeaders.length),
    route.optionalQuery.filter((n) => query.has(n)).length,
    route.op.deprecated ? 0 : 1,
    -route.index,
  ];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

const routers = new WeakMap<ServiceModel, RestRouter>();

export function routerFor(model: ServiceModel): RestRouter {
  let router = routers.get(model);
  if (!router) {
    router = new RestRouter(model);
    routers.set(model, router);
  }
  return router;
}
