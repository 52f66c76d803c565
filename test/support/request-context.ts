import type { Principal } from '../../src/accounts/principal.js';
import { MasterKey } from '../../src/crypto/master-key.js';
import { BlobStore } from '../../src/store/blob-store.js';
import type { RequestContext } from '../../src/services/types.js';
import type { Store } from '../../src/store/index.js';

/** The master key and blob store every hand-built context shares (one per test process). */
export const TEST_MASTER_KEY = MasterKey.random();
let blobs: BlobStore | undefined;
export const testBlobs = (): BlobStore => (blobs ??= BlobStore.temporarySync());

/** A RequestContext as the pipeline builds it, for calling handlers and the authorizer directly. */
export function requestContext(store: Store, principal: Principal, service: string, operation: string, requestId = 'r1', overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId,
    service,
    operation,
    region: 'us-east-1',
    account: principal.account,
    principal,
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    receivedAt: new Date(),
    store,
    masterKey: TEST_MASTER_KEY,
    blobs: testBlobs(),
    ...overrides,
  };
}
