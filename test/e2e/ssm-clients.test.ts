import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';

/**
 * Parameter Store as the AWS CLI v1 and boto3 use it: the CLI's put/get/by-path (recursive,
 * with decryption), labels, history, filters and deletion; boto3's paginators over
 * GetParametersByPath and DescribeParameters, its modelled exceptions, tiers and policies.
 * Skipped (with the reason) where python3 with boto3 or the AWS CLI is not installed.
 */
const skip = pythonToolsMissing();

describe('SSM Parameter Store with the AWS CLI v1 and boto3', () => {
  const bulwark = suiteServer();
  const cli = async (...args: string[]) => {
    const out = await runAwsCli(bulwark.endpoint, ['ssm', ...args]);
    assert.equal(out.status, 0, out.stderr);
    return out.stdout.trim() === '' ? {} : JSON.parse(out.stdout);
  };

  test('aws ssm: put, get-parameters-by-path --recursive --with-decryption, labels, history, delete', { skip }, async () => {
    await cli('put-parameter', '--name', '/app/db/user', '--value', 'admin', '--type', 'String');
    await cli('put-parameter', '--name', '/app/db/password', '--value', 'cli-s3cret', '--type', 'SecureString');
    await cli('put-parameter', '--name', '/app/hosts', '--value', 'a,b,c', '--type', 'StringList');
    const put = await cli('put-parameter', '--name', '/app/db/user', '--value', 'root', '--overwrite');
    assert.equal(put.Version, 2);

    const byPath = await cli('get-parameters-by-path', '--path', '/app', '--recursive', '--with-decryption');
    const values = Object.fromEntries(byPath.Parameters.map((p: any) => [p.Name, p.Value]));
    assert.deepEqual(values, { '/app/db/password': 'cli-s3cret', '/app/db/user': 'root', '/app/hosts': 'a,b,c' });
    const oneLevel = await cli('get-parameters-by-path', '--path', '/app');
    assert.deepEqual(oneLevel.Parameters.map((p: any) => p.Name), ['/app/hosts']);
    const encrypted = await cli('get-parameter', '--name', '/app/db/password');
    assert.notEqual(encrypted.Parameter.Value, 'cli-s3cret');

    const labeled = await cli('label-parameter-version', '--name', '/app/db/user', '--parameter-version', '1', '--labels', 'initial');
    assert.deepEqual(labeled.InvalidLabels, []);
    assert.equal((await cli('get-parameter', '--name', '/app/db/user:initial')).Parameter.Value, 'admin');
    const history = await cli('get-parameter-history', '--name', '/app/db/user');
    assert.deepEqual(history.Parameters.map((h: any) => [h.Version, h.Value, h.Labels]), [[1, 'admin', ['initial']], [2, 'root', []]]);
    const described = await cli('describe-parameters', '--parameter-filters', 'Key=Path,Option=Recursive,Values=/app/db');
    assert.deepEqual(described.Parameters.map((p: any) => p.Name).sort(), ['/app/db/password', '/app/db/user']);

    const missing = await runAwsCli(bulwark.endpoint, ['ssm', 'get-parameter', '--name', '/app/none']);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /An error occurred \(ParameterNotFound\) when calling the GetParameter operation/);
    const deleted = await cli('delete-parameters', '--names', '/app/db/user', '/app/none');
    assert.deepEqual(deleted, { DeletedParameters: ['/app/db/user'], InvalidParameters: ['/app/none'] });
  });

  test('boto3: paginators, modelled exceptions, tiers and policies', { skip }, async () => {
    const code = `
ssm = client("ssm")
for i in range(23):
    ssm.put_parameter(Name=f"/boto/p{i:02d}", Value=f"v{i}", Type="SecureString" if i % 2 else "String")
names = []
for page in ssm.get_paginator("get_parameters_by_path").paginate(Path="/boto", WithDecryption=True, PaginationConfig={"PageSize": 5}):
    names += [(p["Name"], p["Value"]) for p in page["Parameters"]]
described = []
for page in ssm.get_paginator("describe_parameters").paginate(ParameterFilters=[{"Key": "Type", "Values": ["SecureString"]}, {"Key": "Path", "Option": "Recursive", "Values": ["/boto"]}], PaginationConfig={"PageSize": 4}):
    described += [p["Name"] for p in page["Parameters"]]
try:
    ssm.get_parameter(Name="/boto/none")
    missing = "no error"
except ssm.exceptions.ParameterNotFound as e:
    missing = e.response["Error"]["Code"]
try:
    ssm.put_parameter(Name="/boto/p00", Value="x", Type="String")
    exists = "no error"
except ssm.exceptions.ParameterAlreadyExists as e:
    exists = e.response["Error"]["Message"]
tier = ssm.put_parameter(Name="/boto/expiring", Value="x", Type="String", Tier="Advanced",
    Policies='[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2099-01-01T00:00:00.000Z"}}]')["Tier"]
policies = ssm.describe_parameters(ParameterFilters=[{"Key": "Name", "Values": ["/boto/expiring"]}])["Parameters"][0]["Policies"]
print(json.dumps({"names": names, "described": described, "missing": missing, "exists": exists, "tier": tier, "policies": policies}))
`;
    const out = await runBoto3(bulwark.endpoint, code);
    assert.equal(out.status, 0, out.stderr);
    const result = JSON.parse(out.stdout);
    assert.equal(result.names.length, 23);
    assert.deepEqual(result.names[3], ['/boto/p03', 'v3']);
    assert.equal(result.described.length, 11);
    assert.equal(result.missing, 'ParameterNotFound');
    assert.equal(result.exists, 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    assert.equal(result.tier, 'Advanced');
    assert.equal(result.policies[0].PolicyType, 'Expiration');
    assert.equal(result.policies[0].PolicyStatus, 'Pending');
  });
});
