import { parseArgs } from 'node:util';
import { clearPolicyCache, compilePolicy, evaluate, prepareRequest, type AuthzRequest, type PolicySet } from '../src/iam/policy/index.js';

/**
 * `node dist/bench/policy-engine.js [--seconds 3]`
 * Decisions per second of the IAM policy engine on one core, for a mid-size policy set:
 * 5 identity policies (60 statements: exact and wildcard actions, ARN patterns, variables and
 * conditions of every common family), 3 SCP levels, a permissions boundary and a bucket policy.
 */
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' } } });
const seconds = Number(values.seconds);

const A1 = '111111111111';
const services = ['s3', 'ec2', 'dynamodb', 'sqs', 'sns', 'lambda', 'kms', 'logs', 'iam', 'cloudwatch'];
const verbs = ['Get', 'Put', 'List', 'Describe', 'Delete', 'Create', 'Update', 'Tag'];

function identityPolicy(n: number): object {
  const statements: object[] = [];
  for (let i = 0; i < 12; i++) {
    const svc = services[(n * 3 + i) % services.length];
    const verb = verbs[(n + i) % verbs.length];
    const st: Record<string, unknown> = {
      Sid: `P${n}S${i}`,
      Effect: i % 7 === 6 ? 'Deny' : 'Allow',
      Action: i % 3 === 0 ? `${svc}:${verb}*` : [`${svc}:${verb}Item`, `${svc}:${verb}Object`, `${svc}:${verb}Queue`],
      Resource: i % 4 === 0 ? '*' : i % 4 === 1 ? `arn:aws:${svc}:*:${A1}:*` : `arn:aws:${svc}:us-east-1:${A1}:res/\${aws:username}/*`,
    };
    if (i % 5 === 1) st.Condition = { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } };
    if (i % 5 === 2) st.Condition = { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } };
    if (i % 5 === 3) st.Condition = { Bool: { 'aws:SecureTransport': 'true' }, StringLike: { 'aws:PrincipalTag/team': 'team-*' } };
    if (i % 7 === 6) st.Condition = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['forbidden'] } };
    statements.push(st);
  }
  return { Version: '2012-10-17', Statement: statements };
}

const set: PolicySet = {
  identity: [0, 1, 2, 3, 4].map((n) => compilePolicy(identityPolicy(n), 'identity', `arn:aws:iam::${A1}:policy/p${n}`)),
  permissionsBoundary: compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] }, 'boundary'),
  scpLevels: [
    { level: 'root', policies: [compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'scp')] },
    {
      level: 'ou',
      policies: [compilePolicy({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'cloudwatch:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'us-west-2'] } } },
      ] }, 'scp')],
    },
    { level: 'account', policies: [compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'dynamodb:*', 'sqs:*', 'sns:*', 'lambda:*', 'kms:*', 'logs:*', 'cloudwatch:*'], Resource: '*' }, { Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] }, 'scp')] },
  ],
  resource: compilePolicy({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:root` }, Action: '*', Resource: '*' },
    { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A1}:user/reader` }, Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' },
  ] }, 'resource'),
};

// A spread of requests: allowed, implicitly and explicitly denied.
const requests: AuthzRequest[] = [];
for (let i = 0; i < 256; i++) {
  const svc = services[i % services.length];
  const verb = verbs[(i >> 2) % verbs.length];
  requests.push({
    principal: { arn: `arn:aws:iam::${A1}:user/u${i % 8}`, tags: { team: i % 3 ? 'team-a' : 'ops' } },
    action: `${svc}:${verb}${i % 2 ? 'Object' : 'Item'}`,
    resource: `arn:aws:${svc}:us-east-1:${A1}:res/u${i % 8}/x${i}`,
    context: {
      'aws:RequestedRegion': i % 5 ? 'us-east-1' : 'ap-south-1',
      'aws:SourceIp': i % 4 ? '10.1.2.3' : '203.0.113.9',
      'aws:SecureTransport': 'true',
      ...(i % 9 === 0 ? { 'aws:TagKeys': ['env', 'forbidden'] } : {}),
    },
  });
}

const tally = { Allow: 0, ImplicitDeny: 0, ExplicitDeny: 0 };
for (const r of requests) tally[evaluate(r, set).decision]++;

function run(ms: number): number {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < requests.length; i++) evaluate(requests[i], set);
    n += requests.length;
  }
  return n;
}

run(500); // warm-up
const t0 = performance.now();
const n = run(seconds * 1000);
const perSec = n / ((performance.now() - t0) / 1000);

// The same requests with the per-request context prepared once (the pipeline can reuse it).
const prepared = requests.map(prepareRequest);
const t1 = performance.now();
let m = 0;
while (performance.now() - t1 < 1000) {
  for (let i = 0; i < prepared.length; i++) evaluate(prepared[i], set);
  m += prepared.length;
}
const preparedPerSec = m / ((performance.now() - t1) / 1000);

const statements = set.identity!.reduce((s, p) => s + (p as { statements: unknown[] }).statements.length, 0);
console.log(`policy set: ${set.identity!.length} identity policies (${statements} statements), ${set.scpLevels!.length} SCP levels, boundary, resource policy`);
console.log(`decision mix over ${requests.length} requests: ${JSON.stringify(tally)}`);
console.log(`evaluate(): ${Math.round(perSec).toLocaleString('en-US')} decisions/s on one core (${(1e6 / perSec).toFixed(2)} µs each)`);
console.log(`evaluate(prepared context): ${Math.round(preparedPerSec).toLocaleString('en-US')} decisions/s (context reused; conditions re-evaluated)`);

// Compilation: cold (parse + validate + index) and cached (text lookup).
const texts = [0, 1, 2, 3, 4].map((n) => JSON.stringify(identityPolicy(n)));
let cold = 0;
const t2 = performance.now();
while (performance.now() - t2 < 500) {
  clearPolicyCache();
  for (const t of texts) compilePolicy(t, 'identity');
  cold += texts.length;
}
const coldUs = ((performance.now() - t2) * 1000) / cold;
let warm = 0;
const t3 = performance.now();
while (performance.now() - t3 < 500) {
  for (const t of texts) compilePolicy(t, 'identity');
  warm += texts.length;
}
const warmUs = ((performance.now() - t3) * 1000) / warm;
console.log(`compilePolicy (12 statements): ${coldUs.toFixed(1)} µs cold, ${warmUs.toFixed(2)} µs cached`);
