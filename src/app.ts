import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CredentialDirectory } from './accounts/credential-directory.js';
import { sessionInfo } from './accounts/sessions.js';
import { isLoopback, resolveRootCredentials, type RootCredentials } from './accounts/root-credentials.js';
import type { BulwarkConfig } from './config/options.js';
import { loadMasterKey } from './crypto/master-key.js';
import { startCloudTrail, type CloudTrail } from './cloudtrail/index.js';
import { EventBus } from './core/event-bus.js';
import type { ServiceEvent, ServiceEventBus } from './core/service-events.js';
import { changedState, emptyCaches, registerCache } from './core/peers.js';
import { createDetectors } from './guardduty/detectors/index.js';
import type { Finding } from './guardduty/finding.js';
import { loadDetectionRules } from './guardduty/sigma/index.js';
import { guardDutyFindingEvent } from './services/guardduty/finding-event.js';
import { startLiveDetection, type LiveDetection } from './services/guardduty/live.js';
import { invokeCustomAction, type CustomActionRequest } from './services/securityhub/custom-action.js';
import { startSecurityHubImports, type SecurityHubImports } from './services/securityhub/live.js';
import { startEventBridge, type EventBridge } from './events/index.js';
import { createRemediation } from './remediation/index.js';
import { packageRoot } from './models/index.js';
import { protocolCodecs } from './protocol/index.js';
import type { HttpRequest } from './protocol/http.js';
import { createHttpListener } from './server/http-listener.js';
import { createLogger, type Logger } from './server/logger.js';
import { startHousekeeping, type Housekeeping } from './server/housekeeping.js';
import { handleOpsRequest, isOpsRequest, type OpsContext } from './server/ops-endpoints.js';
import { createPipeline, type RequestObserver } from './server/pipeline.js';
import { routeRequest } from './server/steps/route.js';
import { allowAll, createAuthorization } from './server/steps/authorize.js';
import { BlobStore } from './store/blob-store.js';
import { s3AccessLogObserver } from './server/s3-access-log.js';
import { openStore, type Store } from './store/index.js';

/** A running Bulwark: one HTTP listener for every service, over one store. */
export interface Bulwark {
  endpoint: string;
  port: number;
  accountId: string;
  root: RootCredentials;
  store: Store;
  logger: Logger;
  /** Clock-driven service work (KMS deletions and rotations); `runNow` for tests. */
  housekeeping: Housekeeping;
  /** CloudTrail recording (absent with --cloudtrail=false): the event bus every record is published on. */
  cloudTrail?: CloudTrail;
  /** Events services emit to EventBridge (GuardDuty findings, Security Hub, CloudTrail API calls). */
  serviceEvents: ServiceEventBus;
  /** EventBridge's delivery: rules matched, targets invoked (`flush` waits for deliveries and retries). */
  eventBridge: EventBridge;
  /** Security Hub's import of GuardDuty findings (absent with --cloudtrail=false). */
  securityHubImports?: SecurityHubImports;
  /** GuardDuty's live detection over CloudTrail (absent with --cloudtrail=false): every new or updated finding is published on `findings`. */
  guardDuty?: LiveDetection & { findings: EventBus<Finding> };
  /** Delivers buffered S3 server access log records now (tests). */
  flushAccessLogs(): Promise<void>;
  /** Stops accepting connections, lets in-flight requests finish, closes the store. */
  close(): Promise<void>;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }).version;

/** In a `--workers N` cluster: which worker this process is (1..N); worker 1 runs housekeeping. */
export interface WorkerRole {
  index: number;
}

export async function startBulwark(config: BulwarkConfig, worker?: WorkerRole): Promise<Bulwark> {
  const logger = createLogger(config.logLevel);
  const root = resolveRootCredentials(config);
  const masterKey = loadMasterKey({
    envValue: process.env.BULWARK_MASTER_KEY,
    file: config.masterKeyFile ?? (config.inMemory ? undefined : join(config.dataDir, 'master.key')),
    inMemory: config.inMemory,
  });
  const store = await openStore({ url: config.storeUrl, dataDir: config.dataDir, inMemory: config.inMemory });
  const blobs = await BlobStore.open(config.inMemory ? undefined : join(config.dataDir, 'blobs'), store);
  const observers: RequestObserver[] = [];
  if (logger.enabled('debug')) observers.push(requestLogger(logger));
  const authorization = config.enforcement === 'off' ? undefined : createAuthorization({ mode: config.enforcement, logger, sessions: sessionInfo });
  const credentials = new CredentialDirectory(store, masterKey, {
    accountId: config.accountId,
    root,
    acceptAnyKey: config.acceptAnyKey,
    generation: authorization ? () => authorization.cache.currentGeneration : undefined,
  });
  if (authorization) observers.push(authorization.observer);
  const forgetCache = authorization ? registerCache(() => authorization.cache.bump()) : undefined;
  const accessLog = s3AccessLogObserver(store, blobs, { masterKey });
  observers.push(accessLog);
  const runsHousekeeping = !worker || worker.index === 1;
  const cloudTrail = config.cloudtrail
    ? startCloudTrail({
        dataDir: config.inMemory ? undefined : config.dataDir,
        writer: worker ? `w${worker.index}` : 'main',
        indexes: runsHousekeeping,
        credentials,
        onSubscriberError: (err) => logger.error('event bus subscriber failed', { err }),
        delivery: { store, blobs, masterKey, logger, intervalMs: config.cloudtrailDeliverySeconds * 1000 },
      })
    : undefined;
  const serviceEvents: ServiceEventBus = new EventBus<ServiceEvent>((err) => logger.error('service event subscriber failed', { err }));
  const guardDuty = cloudTrail ? await startGuardDuty(config, cloudTrail, { store, blobs, masterKey, logger }, serviceEvents) : undefined;
  const securityHubImports = guardDuty ? startSecurityHubImports({ store, logger, guardDutyFindings: guardDuty.findings, serviceEvents }) : undefined;
  // Remediation actions call Bulwark's own endpoint, known once it listens (below).
  const remediation = createRemediation({ store, masterKey, logger, endpoint: () => `http://${shownHost}:${port}` });
  const eventBridge = startEventBridge({ store, logger, masterKey, serviceEvents, cloudTrailEvents: cloudTrail?.events, remediation });
  const pipeline = createPipeline({
    store,
    masterKey,
    blobs,
    credentials,
    codecs: protocolCodecs,
    authorize: authorization?.authorize ?? allowAll,
    defaultRegion: config.defaultRegion,
    logger,
    observers,
    recorder: cloudTrail?.recorder,
    eventHistory: cloudTrail?.history,
    serviceEvents,
  });
  const ops: OpsContext = {
    version: VERSION,
    startedAt: new Date(),
    resetAllowed: isLoopback(config.host) || config.allowInsecureCredentials,
    reset: async () => {
      await store.reset();
      await blobs.reset();
      emptyCaches();
      changedState();
    },
    securityHubCustomAction: (request) => invokeCustomAction(store, serviceEvents, request as unknown as CustomActionRequest),
    deadLetters: eventBridge.deadLetters,
    health: () => ({
      account: config.accountId,
      store: config.storeUrl ? 'postgres' : config.inMemory ? 'sqlite-memory' : 'sqlite',
      ...(worker && { worker: worker.index, workers: config.workers, pid: process.pid }),
    }),
  };
  const handle = (req: HttpRequest) => (isOpsRequest(req) ? handleOpsRequest(req, ops) : pipeline(req));
  const server = createHttpListener(handle, (err) => logger.warn('request failed', { err }), streamsToDisk);
  await listen(server, config.host, config.port);
  const port = (server.address() as AddressInfo).port;
  const housekeeping = startHousekeeping(store, masterKey, logger, runsHousekeeping ? undefined : null, cloudTrail ? [{ name: 'cloudtrail', run: (now) => cloudTrail.expire(now) }] : []);
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    endpoint: `http://${shownHost}:${port}`,
    port,
    accountId: config.accountId,
    root,
    store,
    logger,
    housekeeping,
    cloudTrail,
    guardDuty,
    serviceEvents,
    eventBridge,
    securityHubImports,
    flushAccessLogs: () => accessLog.flush(),
    close: async () => {
      await closeServer(server);
      await housekeeping.stop();
      forgetCache?.();
      await accessLog.stop();
      await guardDuty?.close();
      await securityHubImports?.close();
      await eventBridge.close();
      await cloudTrail?.close();
      await blobs.close();
      await store.close();
    },
  };
}

/** Uploads bigger than this stream to disk instead of being read into memory first. */
const STREAM_THRESHOLD = 8 * 1024 * 1024;

/** Large S3 PUTs (objects, parts) stream: above the threshold, or of unknown length. */
function streamsToDisk(head: HttpRequest): boolean {
  if (head.method !== 'PUT' || isOpsRequest(head)) return false;
  const length = Number(head.headers['content-length']);
  if (!(length > STREAM_THRESHOLD) && head.headers['transfer-encoding'] === undefined) return false;
  return routeRequest(head).service === 's3';
}

function requestLogger(logger: Logger): RequestObserver {
  return ({ ctx, service, operation, error, req }) =>
    logger.debug('request', {
      requestId: ctx?.requestId,
      service,
      operation,
      principal: ctx?.principal.arn,
      sourceIp: req.sourceIp,
      error: error?.code,
      status: error?.status ?? 200,
    });
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops accepting connections and closes idle keep-alive ones at once; a connection still busy
 * (a streamed download finishing) is closed when idle, or cut after a short grace period.
 */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), 2_000);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** GuardDuty's detectors (built-in, and the user's own rules) on the CloudTrail event bus. */
async function startGuardDuty(
  config: BulwarkConfig,
  cloudTrail: CloudTrail,
  services: { store: Store; blobs: BlobStore; masterKey: ReturnType<typeof loadMasterKey>; logger: Logger },
  serviceEvents: ServiceEventBus,
): Promise<LiveDetection & { findings: EventBus<Finding> }> {
  const detectors = createDetectors();
  if (config.detectionRules) detectors.push(...(await loadDetectionRules(config.detectionRules)));
  const findings = new EventBus<Finding>((err) => services.logger.error('findings subscriber failed', { err }));
  // Every new or updated finding is also GuardDuty's EventBridge event.
  findings.subscribe((finding) => serviceEvents.publish(guardDutyFindingEvent(finding)));
  const live = startLiveDetection({ ...services, events: cloudTrail.events, detectors, findings });
  return Object.assign(live, { findings });
}
