import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Bulwark } from '../../src/app.js';
import { loadMasterKey } from '../../src/crypto/master-key.js';
import { startEventBridge, type EventBridge } from '../../src/events/index.js';
import type { RemediationTargets } from '../../src/events/targets/remediation.js';
import { clientConfig, type Keys } from '../support/aws-clients.js';
import { startTestServer } from '../support/server.js';

/**
 * What the EventBridge suites share: a test server whose EventBridge is replaced by one with
 * the same sources (its store, logger, CloudTrail bus and service event bus; the master key
 * shared through BULWARK_MASTER_KEY) but shortened retries and, when given, a remediation
 * runner; SDK clients; and a loopback webhook that records what it receives.
 */
process.env.BULWARK_MASTER_KEY ??= Buffer.alloc(32, 42).toString('base64');

export interface EventBridgeSuite {
  bulwark: Bulwark;
  bridge: EventBridge;
}

export function eventBridgeSuite(options: { remediation?: RemediationTargets; args?: string[] } = {}): EventBridgeSuite {
  const suite = {} as EventBridgeSuite;
  before(async () => {
    suite.bulwark = await startTestServer(options.args);
    await suite.bulwark.eventBridge.close();
    suite.bridge = startEventBridge({
      store: suite.bulwark.store,
      logger: suite.bulwark.logger,
      serviceEvents: suite.bulwark.serviceEvents,
      cloudTrailEvents: suite.bulwark.cloudTrail?.events,
      remediation: options.remediation,
      masterKey: loadMasterKey({ envValue: process.env.BULWARK_MASTER_KEY, inMemory: true }),
      retryTiming: { baseDelayMs: 5, maxDelayMs: 20 },
    });
  });
  after(async () => {
    await suite.bridge?.close();
    await suite.bulwark?.close();
  });
  return suite;
}

export const events = (endpoint: string, credentials?: Keys): EventBridgeClient => new EventBridgeClient(clientConfig(endpoint, credentials));

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A loopback HTTP server recording requests; `statuses` answers them in turn (then 200), with
 * the body `bodies` gives for the request's path prefix (else `{"ok":true}`).
 */
export interface Webhook {
  url: string;
  received: Received[];
  statuses: number[];
  bodies: Map<string, string>;
  close(): Promise<void>;
}

export async function startWebhook(): Promise<Webhook> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const bodies = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      const answer = [...bodies].find(([prefix]) => req.url!.startsWith(prefix))?.[1];
      res.end(answer ?? '{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    statuses,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Resolves once `check` holds (polling), or rejects after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
