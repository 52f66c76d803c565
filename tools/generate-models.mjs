#!/usr/bin/env node
// Generates the compact service tables in src/models/generated/ from botocore's official
// AWS service models (service-2.json.gz). Run by developers only (`npm run models`); the
// output is committed, so users never need Python or botocore.
//
//   node tools/generate-models.mjs [--botocore DIR]
//
// Documentation strings and examples are dropped; everything the protocols need stays:
// operations, HTTP bindings, shapes with required members, enums, min/max/pattern, errors.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES = [
  'iam', 'sts', 'organizations', 'kms', 'secretsmanager', 'ssm', 's3', 's3control',
  'cloudtrail', 'guardduty', 'securityhub', 'events', 'config', 'accessanalyzer',
  'acm', 'acm-pca', 'cognito-idp', 'ec2',
];

// EC2's model has 765 operations; Bulwark needs the security-relevant subset (the resources
// that attack techniques and detectors touch: instances, security groups, VPC flow logs,
// snapshots, images, volumes, key pairs, EBS defaults, serial console, regions).
const SUBSETS = {
  ec2: /^(Describe(Instances|InstanceAttribute|SecurityGroups|SecurityGroupRules|FlowLogs|Snapshots|SnapshotAttribute|Images|ImageAttribute|Volumes|KeyPairs|Vpcs|Subnets|Regions|AvailabilityZones|AccountAttributes|Tags)|(Run|Start|Stop|Terminate)Instances|ModifyInstanceAttribute|GetPasswordData|GetConsoleOutput|(Create|Delete|Import)KeyPair|(Create|Delete)SecurityGroup|(Authorize|Revoke)SecurityGroup(Ingress|Egress)|(Create|Delete)FlowLogs|(Create|Delete|Copy)Snapshot|ModifySnapshotAttribute|ResetSnapshotAttribute|(Create|Deregister|Copy)Image|RegisterImage|ModifyImageAttribute|ResetImageAttribute|(Create|Delete)Volume|(Enable|Disable|Get)EbsEncryptionByDefault|(Get|Modify)EbsDefaultKmsKeyId|(Enable|Disable|Get)SerialConsoleAccess(Status)?|(Create|Delete)Tags|(Create|Delete)Vpc|(Create|Delete)Subnet)$/,
};

const DROP_KEYS = new Set(['documentation', 'documentationUrl', 'examples', 'deprecatedMessage', 'deprecatedSince', 'staticContextParams', 'contextParam', 'operationContextParams', 'requestcompression']);

function botocoreDataDir(argv) {
  const i = argv.indexOf('--botocore');
  if (i >= 0) return argv[i + 1];
  const file = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  return join(file, 'data');
}

function latestModel(dataDir, service) {
  const versions = readdirSync(join(dataDir, service)).filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).sort();
  const version = versions.at(-1);
  return JSON.parse(gunzipSync(readFileSync(join(dataDir, service, version, 'service-2.json.gz'))).toString('utf8'));
}

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (!DROP_KEYS.has(k)) out[k] = strip(v);
    return out;
  }
  return value;
}

function reachableShapes(model, operations) {
  const seen = new Set();
  const visit = (name) => {
    if (!name || seen.has(name)) return;
    seen.add(name);
    const shape = model.shapes[name];
    if (!shape) return;
    for (const m of Object.values(shape.members ?? {})) visit(m.shape);
    visit(shape.member?.shape);
    visit(shape.key?.shape);
    visit(shape.value?.shape);
  };
  for (const op of Object.values(operations)) {
    visit(op.input?.shape);
    visit(op.output?.shape);
    for (const e of op.errors ?? []) visit(e.shape);
  }
  return seen;
}

function compact(service, model) {
  const subset = SUBSETS[service];
  const operations = {};
  for (const [name, op] of Object.entries(model.operations)) {
    if (!subset || subset.test(name)) operations[name] = strip(op);
  }
  const keep = reachableShapes(model, operations);
  const shapes = {};
  for (const name of Object.keys(model.shapes).sort()) if (keep.has(name)) shapes[name] = strip(model.shapes[name]);
  const md = model.metadata;
  const metadata = {};
  for (const k of ['apiVersion', 'protocol', 'protocols', 'jsonVersion', 'targetPrefix', 'signingName', 'endpointPrefix', 'serviceId', 'xmlNamespace', 'globalEndpoint', 'signatureVersion', 'uid']) {
    if (md[k] !== undefined) metadata[k] = md[k];
  }
  metadata.signingName ??= md.endpointPrefix;
  return { metadata, operationCount: Object.keys(model.operations).length, operations, shapes };
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'models', 'generated');
mkdirSync(outDir, { recursive: true });
const dataDir = botocoreDataDir(process.argv);
const index = {};
for (const service of SERVICES) {
  const table = compact(service, latestModel(dataDir, service));
  writeFileSync(join(outDir, `${service}.json`), JSON.stringify(table));
  index[service] = { ...table.metadata, operations: Object.keys(table.operations).length, modelOperations: table.operationCount };
  console.log(`${service.padEnd(16)} ${String(Object.keys(table.operations).length).padStart(4)} operations ${String(Object.keys(table.shapes).length).padStart(5)} shapes`);
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
