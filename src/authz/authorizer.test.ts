import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Principal } from '../accounts/principal.js';
import { AwsError } from '../core/aws-error.js';
import { createLogger } from '../server/logger.js';
import type { RequestContext } from '../services/types.js';
import { openStore } from '../store/index.js';
import { accessDenied, ACCESS_DENIED } from './access-denied.js';
import { createAuthorization } from './authorizer.js';
import { requestContext } from '../../test/support/request-context.js';

test('AccessDenied per protocol: query/S3 AccessDenied 403, JSON 400, rest-json 403, EC2 UnauthorizedOperation', () => {
  assert.deepEqual(ACCESS_DENIED.query, { code: 'AccessDenied', status: 403 });
  assert.deepEqual(ACCESS_DENIED['rest-xml'], { code: 'AccessDenied', status: 403 });
  assert.deepEqual(ACCESS_DENIED.json, { code: 'AccessDeniedException', status: 400 });
  assert.deepEqual(ACCESS_DENIED['rest-json'], { code: 'AccessDeniedException', status: 403 });
  const ec2 = accessDenied('ec2', 'User: x is not authorized');
  assert.equal(ec2.code, 'UnauthorizedOperation');
  assert.equal(ec2.message, 'You are not authorized to perform this operation. User: x is not authorized');
});

test('a principal without stored policies is denied; soft mode only logs; the cache follows IAM writes', async () => {
  const store = await openStore({ inMemory: true });
  try {
    const lines: string[] = [];
    const logger = createLogger('warn', (l) => lines.push(l));
    const principal: Principal = { type: 'IAMUser', account: '000000000000', arn: 'arn:aws:iam::000000000000:user/ghost', userId: 'AIDAGHOST' };
    const ctx = (operation: string, requestId = 'r1'): RequestContext => requestContext(store, principal, 'ec2', operation, requestId);
    const enforce = createAuthorization({ mode: 'enforce', logger });
    await assert.rejects(enforce.authorize(ctx('DescribeInstances'), {} as never, {}), (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.equal(err.code, 'UnauthorizedOperation');
      assert.equal(err.status, 403);
      assert.match(err.message, /ec2:DescribeInstances on resource: \* because no identity-based policy allows/);
      return true;
    });
    const soft = createAuthorization({ mode: 'soft', logger });
    await soft.authorize(ctx('DescribeInstances'), {} as never, {});
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /authorization would deny/);

    const gen = soft.cache.currentGeneration;
    await soft.authorize({ ...ctx('CreateUser', 'w1'), service: 'iam' }, {} as never, { UserName: 'x' });
    assert.equal(soft.cache.currentGeneration, gen + 1, 'an IAM write bumps the generation before it runs');
    soft.observer({ ctx: { ...ctx('CreateUser', 'w1'), service: 'iam' }, service: 'iam', req: {} as never });
    assert.equal(soft.cache.currentGeneration, gen + 2, '… and again once it answered');
    await soft.authorize({ ...ctx('ListUsers', 'r2'), service: 'iam' }, {} as never, {});
    assert.equal(soft.cache.currentGeneration, gen + 2, 'reads do not');
  } finally {
    await store.close();
  }
});
