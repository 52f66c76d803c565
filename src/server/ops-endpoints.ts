import type { HttpRequest, HttpResponse } from '../protocol/http.js';

/**
 * Bulwark's own operations endpoints (not AWS APIs, so not signed):
 *   GET  /_bulwark/health   → {"status":"running", …}
 *   POST /_bulwark/reset    → deletes all state
 *   POST /moto-api/reset    → the same, for test suites written against moto's server mode
 *   POST /_bulwark/securityhub/custom-action → invokes a Security Hub custom action on findings
 *                            ({"ActionTargetArn", "FindingIdentifiers"}; docs/SECURITYHUB.md)
 *   GET|DELETE /_bulwark/events/dead-letters?queue=<SQS queue ARN>
 *                          → EventBridge's undelivered events kept for that queue: read | purge (docs/EVENTBRIDGE.md)
 * Reset, custom actions and dead letters are refused on a non-loopback listener unless --allow-insecure-credentials.
 */
export interface OpsContext {
  version: string;
  startedAt: Date;
  resetAllowed: boolean;
  reset(): Promise<void>;
  health(): Record<string, unknown>;
  /** Security Hub's custom action invocation (services/securityhub/custom-action.ts), when wired. */
  securityHubCustomAction?(request: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** EventBridge's dead-letter queues (startEventBridge(…).deadLetters), when wired. */
  deadLetters?: { read(queueArn: string): Promise<unknown[]>; purge(queueArn: string): Promise<number> };
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

const DEAD_LETTERS_PATH = '/_bulwark/events/dead-letters';

async function deadLetters(req: HttpRequest, ops: OpsContext, queues: NonNullable<OpsContext['deadLetters']>): Promise<HttpResponse> {
  if (!ops.resetAllowed) return json(403, { error: 'AccessDenied', message: 'dead letters are only readable on a loopback listener' });
  const queue = new URLSearchParams(req.rawQuery).get('queue');
  if (!queue) return json(400, { error: 'MissingParameter', message: 'name the queue: ?queue=<SQS queue ARN>' });
  if (req.method === 'GET') return json(200, { QueueArn: queue, Messages: await queues.read(queue) });
  if (req.method === 'DELETE') return json(200, { QueueArn: queue, Purged: await queues.purge(queue) });
  return json(405, { error: 'MethodNotAllowed', message: `use GET or DELETE ${req.path}` });
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
  if (req.path === DEAD_LETTERS_PATH && ops.deadLetters) return deadLetters(req, ops, ops.deadLetters);
  return json(404, { error: 'NotFound', message: `no Bulwark endpoint ${req.method} ${req.path}` });
}
