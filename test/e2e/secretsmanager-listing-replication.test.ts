import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
  TagResourceCommand,
  UpdateSecretCommand,
  type Filter,
} from '@aws-sdk/client-secrets-manager';
import { clientConfig, rejectsWith, userWithKey, type Keys } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * ListSecrets filters (prefixes, case, negation, `all`), ordering and pages; BatchGetSecretValue
 * by ids and by filters; multi-Region replicas that follow their primary.
 */
const REPLICA_ONLY = "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

describe('Secrets Manager listing, batches and replication', () => {
  const bulwark = suiteServer();
  const sm = (region = 'us-east-1', keys?: Keys) => new SecretsManagerClient({ ...clientConfig(bulwark.endpoint, keys), region });

  test('ListSecrets filters: prefixes, case, negation, all; SortOrder; pages', async () => {
    const create = (Name: string, Description?: string, Tags?: Array<{ Key: string; Value: string }>) => sm().send(new CreateSecretCommand({ Name, Description, Tags, SecretString: 'x' }));
    await create('prod/db/password', 'Database Password', [{ Key: 'Env', Value: 'production' }]);
    await create('prod/api-key', 'Partner API key', [{ Key: 'Env', Value: 'production' }, { Key: 'Owner', Value: 'payments' }]);
    await create('dev/db/password', 'database password for dev', [{ Key: 'Env', Value: 'development' }]);
    await create('credsDatabase892');
    const names = async (Filters?: Filter[], extra: Record<string, unknown> = {}) =>
      ((await sm().send(new ListSecretsCommand({ Filters, ...extra }))).SecretList ?? []).map((s) => s.Name);
    assert.deepEqual(await names([{ Key: 'name', Values: ['prod/'] }]), ['prod/db/password', 'prod/api-key']);
    assert.deepEqual(await names([{ Key: 'name', Values: ['Prod/'] }]), [], 'names are case-sensitive');
    assert.deepEqual(await names([{ Key: 'name', Values: ['prod/', 'dev/'] }]), ['prod/db/password', 'prod/api-key', 'dev/db/password'], 'values of one filter: any');
    assert.deepEqual(await names([{ Key: 'name', Values: ['prod/'] }, { Key: 'description', Values: ['DATABASE'] }]), ['prod/db/password'], 'filters: all; description not case-sensitive');
    assert.deepEqual(await names([{ Key: 'name', Values: ['!prod/'] }]), ['dev/db/password', 'credsDatabase892']);
    assert.deepEqual(await names([{ Key: 'tag-key', Values: ['Own'] }]), ['prod/api-key']);
    assert.deepEqual(await names([{ Key: 'tag-value', Values: ['prod'] }]), ['prod/db/password', 'prod/api-key']);
    assert.deepEqual(await names([{ Key: 'tag-value', Values: ['!prod'] }, { Key: 'tag-key', Values: ['Env'] }]), ['dev/db/password']);
    assert.deepEqual(await names([{ Key: 'all', Values: ['payments'] }]), ['prod/api-key']);
    assert.deepEqual(await names([{ Key: 'all', Values: ['database'] }]), ['prod/db/password', 'dev/db/password', 'credsDatabase892'], 'words of every attribute, any case');
    assert.deepEqual(await names([{ Key: 'primary-region', Values: ['us-'] }]), []);
    assert.deepEqual(await names([{ Key: 'name', Values: ['prod/'] }], { SortOrder: 'desc' }), ['prod/api-key', 'prod/db/password']);
    assert.deepEqual(await names([{ Key: 'name', Values: ['prod/', 'dev/'] }], { SortBy: 'name' }), ['dev/db/password', 'prod/api-key', 'prod/db/password']);
    const first = await sm().send(new ListSecretsCommand({ MaxResults: 2, Filters: [{ Key: 'name', Values: ['prod/', 'dev/'] }] }));
    assert.equal(first.SecretList!.length, 2);
    const second = await sm().send(new ListSecretsCommand({ MaxResults: 2, Filters: [{ Key: 'name', Values: ['prod/', 'dev/'] }], NextToken: first.NextToken }));
    assert.deepEqual(second.SecretList!.map((s) => s.Name), ['dev/db/password']);
    assert.equal(second.NextToken, undefined);
    const entry = first.SecretList![0]!;
    assert.deepEqual(Object.keys(entry.SecretVersionsToStages!).length, 1);
    assert.deepEqual(entry.Tags, [{ Key: 'Env', Value: 'production' }]);
    await rejectsWith(sm().send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['bad*value'] }] })), 'ValidationException', 400);
    await rejectsWith(sm().send(new ListSecretsCommand({ NextToken: 'nope' })), 'InvalidNextTokenException', 400);
  });

  test('BatchGetSecretValue: ids with per-secret errors, filters with pages, GetSecretValue needed for each', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'batch/a', SecretString: 'A' }));
    await sm().send(new CreateSecretCommand({ Name: 'batch/b', SecretString: 'B' }));
    await sm().send(new CreateSecretCommand({ Name: 'batch/empty' }));
    const byIds = await sm().send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a', 'batch/b', 'batch/missing', 'batch/empty'] }));
    assert.deepEqual(byIds.SecretValues!.map((v) => v.SecretString), ['A', 'B']);
    assert.deepEqual(byIds.Errors!.map((e) => [e.SecretId, e.ErrorCode]), [['batch/missing', 'ResourceNotFoundException'], ['batch/empty', 'ResourceNotFoundException']]);
    const page1 = await sm().send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batch/'] }], MaxResults: 2 }));
    assert.equal(page1.SecretValues!.length + page1.Errors!.length, 2);
    assert.ok(page1.NextToken);
    const page2 = await sm().send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batch/'] }], MaxResults: 2, NextToken: page1.NextToken }));
    assert.equal(page2.SecretValues!.length + page2.Errors!.length, 1);
    await rejectsWith(sm().send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a'], MaxResults: 2 })), 'InvalidParameterException', 400);
    await rejectsWith(sm().send(new BatchGetSecretValueCommand({})), 'InvalidParameterException', 400);

    const user = await userWithKey(bulwark.endpoint, 'batcher', {
      policy: {
        name: 'p',
        document: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
            { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:batch/a-*' },
          ],
        }),
      },
    });
    const limited = await sm('us-east-1', user).send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a', 'batch/b'] }));
    assert.deepEqual(limited.SecretValues!.map((v) => v.Name), ['batch/a']);
    assert.equal(limited.Errors![0]!.ErrorCode, 'AccessDeniedException');
    assert.match(limited.Errors![0]!.Message!, /is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:000000000000:secret:batch\/b-/);
    await rejectsWith(sm('us-east-1', user).send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batch/'] }] })), 'AccessDeniedException', 400, /secretsmanager:ListSecrets/);
  });

  test('replicas: read-only copies in other Regions that follow the primary; removal, promotion, and deletion rules', async () => {
    const created = await sm().send(new CreateSecretCommand({ Name: 'global', SecretString: 'v1', Tags: [{ Key: 't', Value: '1' }], AddReplicaRegions: [{ Region: 'us-west-2' }] }));
    assert.deepEqual(created.ReplicationStatus, [{ Region: 'us-west-2', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync', StatusMessage: 'Replication succeeded' }]);
    const west = sm('us-west-2');
    const replicaArn = created.ARN!.replace('us-east-1', 'us-west-2');
    const replica = await west.send(new GetSecretValueCommand({ SecretId: 'global' }));
    assert.deepEqual([replica.ARN, replica.SecretString, replica.VersionId], [replicaArn, 'v1', created.VersionId]);
    const described = await west.send(new DescribeSecretCommand({ SecretId: 'global' }));
    assert.equal(described.PrimaryRegion, 'us-east-1');
    assert.deepEqual(described.Tags, [{ Key: 't', Value: '1' }]);
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: 'global' }))).PrimaryRegion, 'us-east-1');
    await rejectsWith(west.send(new PutSecretValueCommand({ SecretId: 'global', SecretString: 'no' })), 'InvalidRequestException', 400, REPLICA_ONLY);
    await rejectsWith(west.send(new UpdateSecretCommand({ SecretId: 'global', Description: 'no' })), 'InvalidRequestException', 400, REPLICA_ONLY);

    await sm().send(new PutSecretValueCommand({ SecretId: 'global', SecretString: 'v2' }));
    await sm().send(new TagResourceCommand({ SecretId: 'global', Tags: [{ Key: 't', Value: '2' }] }));
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'global' }))).SecretString, 'v2');
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'global', VersionStage: 'AWSPREVIOUS' }))).SecretString, 'v1');
    assert.deepEqual((await west.send(new DescribeSecretCommand({ SecretId: replicaArn }))).Tags, [{ Key: 't', Value: '2' }]);
    assert.deepEqual(((await west.send(new ListSecretsCommand({ Filters: [{ Key: 'primary-region', Values: ['us-east-1'] }] }))).SecretList ?? []).map((s) => s.Name), ['global']);

    await rejectsWith(sm().send(new DeleteSecretCommand({ SecretId: 'global' })), 'InvalidRequestException', 400);
    await rejectsWith(sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'global', AddReplicaRegions: [{ Region: 'us-east-1' }] })), 'InvalidParameterException', 400);

    // A secret of the same name already in the Region: Failed unless overwritten.
    await sm('eu-west-1').send(new CreateSecretCommand({ Name: 'global', SecretString: 'local' }));
    const clash = await sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'global', AddReplicaRegions: [{ Region: 'eu-west-1' }] }));
    const eu = clash.ReplicationStatus!.find((s) => s.Region === 'eu-west-1')!;
    assert.equal(eu.Status, 'Failed');
    assert.match(eu.StatusMessage!, /Secret with this name already exists in this region/);
    assert.equal((await sm('eu-west-1').send(new GetSecretValueCommand({ SecretId: 'global' }))).SecretString, 'local');
    const forced = await sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'global', AddReplicaRegions: [{ Region: 'eu-west-1' }], ForceOverwriteReplicaSecret: true }));
    assert.equal(forced.ReplicationStatus!.find((s) => s.Region === 'eu-west-1')!.Status, 'InSync');
    assert.equal((await sm('eu-west-1').send(new GetSecretValueCommand({ SecretId: 'global' }))).SecretString, 'v2');

    const removed = await sm().send(new RemoveRegionsFromReplicationCommand({ SecretId: 'global', RemoveReplicaRegions: ['eu-west-1'] }));
    assert.deepEqual(removed.ReplicationStatus!.map((s) => s.Region), ['us-west-2']);
    await rejectsWith(sm('eu-west-1').send(new GetSecretValueCommand({ SecretId: 'global' })), 'ResourceNotFoundException', 400);

    await rejectsWith(sm().send(new StopReplicationToReplicaCommand({ SecretId: 'global' })), 'InvalidRequestException', 400);
    await west.send(new StopReplicationToReplicaCommand({ SecretId: 'global' }));
    assert.equal((await west.send(new DescribeSecretCommand({ SecretId: 'global' }))).PrimaryRegion, undefined);
    await west.send(new PutSecretValueCommand({ SecretId: 'global', SecretString: 'west on its own' }));
    const primary = await sm().send(new DescribeSecretCommand({ SecretId: 'global' }));
    assert.equal(primary.ReplicationStatus, undefined);
    assert.equal(primary.PrimaryRegion, undefined);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'global' }))).SecretString, 'v2');
    await sm().send(new DeleteSecretCommand({ SecretId: 'global', ForceDeleteWithoutRecovery: true }));
    assert.equal((await west.send(new GetSecretValueCommand({ SecretId: 'global' }))).SecretString, 'west on its own');
  });
});
