import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { rejectsWith, userWithKey } from '../support/aws-clients.js';
import { pythonToolsMissing, runAwsCli, runBoto3, suiteServer } from '../support/server.js';
import { asff, defaultProduct, enabledHub, securityhub } from './securityhub-helpers.js';

/**
 * Security Hub as boto3 and the AWS CLI v1 use it (their own serializers, paginators and error
 * parsing), and IAM deciding Security Hub calls for an IAM user.
 */
describe('Security Hub with real clients', () => {
  const bulwark = suiteServer(['--cloudtrail=false']);

  test('boto3: enable, import, filter with a paginator, update, errors', { skip: pythonToolsMissing() }, async () => {
    const code = `
sh = client("securityhub")
out = {}
try:
    sh.get_findings()
except botocore.exceptions.ClientError as e:
    out["before"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]]
sh.enable_security_hub(EnableDefaultStandards=False)
now = "2024-06-01T00:00:00Z"
product = "arn:aws:securityhub:us-east-1:000000000000:product/000000000000/default"
findings = [{"SchemaVersion": "2018-10-08", "Id": "py-%d" % i, "ProductArn": product, "GeneratorId": "boto3", "AwsAccountId": "000000000000",
  "Types": ["Software and Configuration Checks/Vulnerabilities/CVE"], "CreatedAt": now, "UpdatedAt": now,
  "Severity": {"Label": "HIGH" if i % 2 else "LOW"}, "Title": "py %d" % i, "Description": "from boto3",
  "Resources": [{"Type": "Other", "Id": "r-%d" % i}]} for i in range(5)]
r = sh.batch_import_findings(Findings=findings)
out["imported"] = [r["SuccessCount"], r["FailedCount"]]
pages = sh.get_paginator("get_findings").paginate(Filters={"SeverityLabel": [{"Value": "HIGH", "Comparison": "EQUALS"}]}, PaginationConfig={"PageSize": 1})
out["high"] = sorted(f["Id"] for page in pages for f in page["Findings"])
u = sh.batch_update_findings(FindingIdentifiers=[{"Id": "py-1", "ProductArn": product}], Workflow={"Status": "RESOLVED"}, Note={"Text": "done", "UpdatedBy": "boto3"})
out["processed"] = len(u["ProcessedFindings"])
f = sh.get_findings(Filters={"WorkflowStatus": [{"Value": "RESOLVED", "Comparison": "EQUALS"}]})["Findings"]
out["resolved"] = [x["Id"] for x in f]
try:
    sh.get_findings(Filters={"Title": [{"Value": "a", "Comparison": "CONTAINS"}, {"Value": "b", "Comparison": "EQUALS"}]})
except botocore.exceptions.ClientError as e:
    out["refused"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
insight = sh.create_insight(Name="by severity", Filters={}, GroupByAttribute="SeverityLabel")["InsightArn"]
out["insight"] = sh.get_insight_results(InsightArn=insight)["InsightResults"]["ResultValues"]
print(json.dumps(out))
`;
    const r = await runBoto3(bulwark.endpoint, code);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.before, ['InvalidAccessException', 401, 'Account 000000000000 is not subscribed to AWS Security Hub']);
    assert.deepEqual(out.imported, [5, 0]);
    assert.deepEqual(out.high, ['py-1', 'py-3']);
    assert.equal(out.processed, 1);
    assert.deepEqual(out.resolved, ['py-1']);
    assert.deepEqual(out.refused, ['InvalidInputException', 400]);
    assert.deepEqual(out.insight, [{ GroupByAttributeValue: 'LOW', Count: 3 }, { GroupByAttributeValue: 'HIGH', Count: 2 }]);
  });

  test('the AWS CLI v1: describe the hub, import, query, update, history', { skip: pythonToolsMissing() }, async () => {
    const cli = async (...args: string[]) => {
      const r = await runAwsCli(bulwark.endpoint, ['securityhub', ...args]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim() ? JSON.parse(r.stdout) : {};
    };
    assert.equal((await cli('describe-hub')).HubArn, 'arn:aws:securityhub:us-east-1:000000000000:hub/default');
    const finding = asff('cli-1', { Severity: { Label: 'CRITICAL' } });
    assert.deepEqual((await cli('batch-import-findings', '--findings', JSON.stringify([finding]))).SuccessCount, 1);
    const found = await cli('get-findings', '--filters', JSON.stringify({ SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] }), '--sort-criteria', 'Field=UpdatedAt,SortOrder=desc');
    assert.deepEqual(found.Findings.map((f: { Id: string }) => f.Id), ['cli-1']);
    const updated = await cli('batch-update-findings', '--finding-identifiers', `Id=cli-1,ProductArn=${defaultProduct()}`, '--severity', 'Label=LOW', '--workflow', 'Status=SUPPRESSED');
    assert.equal(updated.ProcessedFindings.length, 1);
    const history = await cli('get-finding-history', '--finding-identifier', `Id=cli-1,ProductArn=${defaultProduct()}`);
    assert.deepEqual(history.Records.map((r: { UpdateSource: { Type: string } }) => r.UpdateSource.Type), ['BATCH_UPDATE_FINDINGS', 'BATCH_IMPORT_FINDINGS']);
    const bad = await runAwsCli(bulwark.endpoint, ['securityhub', 'get-insight-results', '--insight-arn', 'arn:aws:securityhub:us-east-1:000000000000:insight/000000000000/custom/00000000-0000-0000-0000-000000000000']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /ResourceNotFoundException/);
  });

  test('IAM decides Security Hub calls for users', async () => {
    const reader = await userWithKey(bulwark.endpoint, 'sh-reader', {
      policy: { name: 'read', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['securityhub:GetFindings', 'securityhub:BatchImportFindings'], Resource: '*' }] }) },
    });
    const sh = securityhub(bulwark.endpoint, reader);
    await enabledHub(bulwark.endpoint).catch(() => undefined);
    assert.equal((await sh.send(new BatchImportFindingsCommand({ Findings: [asff('user-1')] }))).SuccessCount, 1);
    assert.ok((await sh.send(new GetFindingsCommand({}))).Findings!.some((f) => f.Id === 'user-1'));
    await rejectsWith(sh.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'user-1', ProductArn: defaultProduct() }], Confidence: 5 })), 'AccessDeniedException', 403, /securityhub:BatchUpdateFindings/);
  });

  test('BatchImportFindings is authorized on the findings’ product ARN', async () => {
    const scoped = (name: string, resource: string) =>
      userWithKey(bulwark.endpoint, name, { policy: { name: 'p', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: resource }] }) } });
    const own = securityhub(bulwark.endpoint, await scoped('sh-own-product', defaultProduct()));
    assert.equal((await own.send(new BatchImportFindingsCommand({ Findings: [asff('scoped-1')] }))).SuccessCount, 1);
    const other = securityhub(bulwark.endpoint, await scoped('sh-other-product', 'arn:aws:securityhub:us-east-1:000000000000:product/000000000000/other'));
    await rejectsWith(other.send(new BatchImportFindingsCommand({ Findings: [asff('scoped-2')] })), 'AccessDeniedException', 403, new RegExp(`securityhub:BatchImportFindings on resource: ${defaultProduct()}`));
  });
});
