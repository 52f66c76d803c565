import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePrincipalArn, roleArnOf } from './arn-parts.js';
import { compilePrincipal, notPrincipalExcludes, principalMatch } from './principal.js';

const A1 = '111111111111';
const user = parsePrincipalArn(`arn:aws:iam::${A1}:user/path/alice`);
const session = parsePrincipalArn(`arn:aws:sts::${A1}:assumed-role/app/s1`);
const root = parsePrincipalArn(`arn:aws:iam::${A1}:root`);
const fed = parsePrincipalArn(`arn:aws:sts::${A1}:federated-user/fred`);

test('caller ARNs are classified', () => {
  assert.deepEqual([user.type, user.name, user.account], ['User', 'alice', A1]);
  assert.deepEqual([session.type, session.roleName, session.name], ['AssumedRole', 'app', 's1']);
  assert.equal(roleArnOf(session), `arn:aws:iam::${A1}:role/app`);
  assert.equal(root.type, 'Account');
  assert.equal(fed.type, 'FederatedUser');
  assert.equal(parsePrincipalArn('*').type, 'Anonymous');
  assert.equal(parsePrincipalArn(A1).type, 'Account');
  assert.equal(parsePrincipalArn('ec2.amazonaws.com').type, 'Service');
});

test('Principal matching: direct, role, account', () => {
  const m = compilePrincipal({ AWS: [`arn:aws:iam::${A1}:user/path/alice`, `arn:aws:iam::${A1}:role/x/app`, '222222222222'] }, 'Principal');
  assert.equal(principalMatch(m, user), 'direct');
  assert.equal(principalMatch(m, session), 'role');
  assert.equal(principalMatch(m, fed), undefined);
  assert.equal(principalMatch(m, parsePrincipalArn('arn:aws:iam::222222222222:user/z')), 'account');
  assert.equal(principalMatch(m, parsePrincipalArn('arn:aws:iam::222222222222:root')), 'direct');
  assert.equal(principalMatch(compilePrincipal('*', 'Principal'), session), 'direct');
  assert.equal(principalMatch(compilePrincipal({ AWS: '*' }, 'Principal'), fed), 'direct');
});

test('a user ARN entry does not match a same-named user on another path', () => {
  const m = compilePrincipal({ AWS: `arn:aws:iam::${A1}:user/alice` }, 'Principal');
  assert.equal(principalMatch(m, user), undefined);
});

test('NotPrincipal excludes only when the whole identity chain is listed', () => {
  const acct = `arn:aws:iam::${A1}:root`;
  const np = (list: string[]) => compilePrincipal({ AWS: list }, 'NotPrincipal');
  assert.equal(notPrincipalExcludes(np([user.arn, acct]), user), true);
  assert.equal(notPrincipalExcludes(np([user.arn]), user), false);
  assert.equal(notPrincipalExcludes(np([session.arn, `arn:aws:iam::${A1}:role/app`, A1]), session), true);
  assert.equal(notPrincipalExcludes(np([session.arn, A1]), session), false);
  assert.equal(notPrincipalExcludes(np([acct]), root), true);
  assert.equal(notPrincipalExcludes(compilePrincipal('*', 'NotPrincipal'), user), true);
});
