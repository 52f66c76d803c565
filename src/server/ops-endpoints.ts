import type { HttpRequest, HttpResponse } from '../protocol/http.js';

/**
 * Bulwark's own operations endpoints (not AWS APIs, so not signed):
 *   GET  /_bulwark/health   → {"status":"running", …}
 *   POST /_bulwark/reset    → deletes all state
 *   POST /moto-api/reset    → the same, for test suites written against moto's server mode
 *   POST /_bulwark/securityhub/custom-action → invokes a Security Hub custom action on findings
 *                            ({"ActionTargetArn", "FindingIdentifiers"}; docs/SECURITYHUB.md)
 * Reset and custom actions are refused on a non-loopback listener unless --allow-insecure-credentials.
 */
export interface OpsContext {
  version: string;
  startedAt: Date;
  resetAllowed: boolean;
  reset(): Promise<void>;
  health(): Record<string, unknown>;
  /** Security Hub's custom action invocation (services/securityhub/custom-action.ts), when wired. */
  securityHubCustomAction?(request: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
}

const RESET_PATHS = new Set(['/_bulwark/reset', '/moto-api/reset', '/moto-api/reset/']);

export function isOpsRequest(req: HttpRequest): boolean {
  return req.path.startsWith('/_bulwark/') || req.path.startsWith('/moto-api/');
}

const CUSTOM_ACTION_PATH = '/_bulwark/securityhub/custom-action';

async function securityHubCustomAction(req: HttpRequest, ops: OpsContext, invoke: NonNullable<OpsContext['securityHubCustomAction']>): Promise<HttpResponse> {
  if (req.method !== 'POST') return json(405, { error: 'MethodNotAllowed', message: `use POST ${req.path}` });
  if (!ops.resetAllowed) return json(403, { error: 'AccessDenied', message: 'custom actions are only invoked on a loopback listener' });
  let request: unknown;
  try {
    request = JSON.parse(req.body.toString('utf8'));
  } catch {
    request = undefined;
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return json(400, { error: 'InvalidInput', message: 'the body must be a JSON object' });
  const result = await invoke(request as Record<string, unknown>);
  return json(result.status, result.body);
}

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export async function handleOpsRequest(req: HttpRequest, ops: OpsContext): Promise<HttpResponse> {
  if (req.path === '/_bulwark/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    return json(200, { status: 'running', version: ops.version, uptimeSeconds: Math.round((Date.now() - ops.startedAt.getTime()) / 1000), ...ops.health() });
  }
  if (RESET_PATHS.has(req.path)) {
    if (req.method !== 'POST') return json(405, { error: 'MethodNotAllowed', message: `use POST ${req.path}` });
    if (!ops.resetAllowed) return json(403, { error: 'AccessDenied', message: 'reset is only allowed on a loopback listener' });
    await ops.reset();
    return json(200, { status: 'reset' });
  }
  if (req.path === CUSTOM_ACTION_PATH && ops.securityHubCustomAction) return securityHubCustomAction(req, ops, ops.securityHubCustomAction);
  return json(404, { error: 'NotFound', message: `no Bulwark endpoint ${req.method} ${req.path}` });
}
