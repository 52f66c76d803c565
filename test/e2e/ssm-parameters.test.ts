import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  SSMClient,
  UnlabelParameterVersionCommand,
  type DescribeParametersCommandInput,
} from '@aws-sdk/client-ssm';
import { clientConfig, rejectsWith } from '../support/aws-clients.js';
import { suiteServer } from '../support/server.js';

/**
 * Parameter Store through the SDK v3: create and overwrite with versions, types, tiers, name
 * rules, AllowedPattern and DataType, labels and selectors, history, DescribeParameters and
 * GetParametersByPath with filters and pages, deletion, tags, the 100-version limit, and
 * Expiration policies enforced by housekeeping — with AWS's error codes and messages.
 */
const ARN = 'arn:aws:ssm:us-east-1:000000000000:parameter';
const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

describe('SSM Parameter Store', () => {
  const bulwark = suiteServer();
  const ssm = () => new SSMClient(clientConfig(bulwark.endpoint));

  test('create, read, overwrite: versions, ARNs, metadata, ParameterAlreadyExists', async () => {
    const put = await ssm().send(new PutParameterCommand({ Name: '/svc/api/url', Value: 'https://a', Type: 'String', Description: 'the API' }));
    assert.equal(put.Version, 1);
    assert.equal(put.Tier, 'Standard');
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/svc/api/url', Value: 'https://b', Type: 'String' })),
      'ParameterAlreadyExists',
      400,
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
    const again = await ssm().send(new PutParameterCommand({ Name: '/svc/api/url', Value: 'https://b', Overwrite: true }));
    assert.equal(again.Version, 2);
    const got = (await ssm().send(new GetParameterCommand({ Name: '/svc/api/url' }))).Parameter!;
    assert.equal(got.Value, 'https://b');
    assert.equal(got.Version, 2);
    assert.equal(got.Type, 'String');
    assert.equal(got.DataType, 'text');
    assert.equal(got.ARN, `${ARN}/svc/api/url`);
    assert.ok(got.LastModifiedDate instanceof Date);
    const byArn = (await ssm().send(new GetParameterCommand({ Name: `${ARN}/svc/api/url` }))).Parameter!;
    assert.equal(byArn.Value, 'https://b');
    const meta = (await ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/svc/api/url'] }] }))).Parameters!;
    assert.equal(meta.length, 1);
    assert.equal(meta[0]!.Description, 'the API', 'an overwrite without Description keeps it');
    assert.equal(meta[0]!.LastModifiedUser, 'arn:aws:iam::000000000000:root');
    assert.equal(meta[0]!.Version, 2);
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/svc/api/none' })), 'ParameterNotFound', 400);
  });

  test('StringList values and simple names; spaces around a name are removed', async () => {
    await ssm().send(new PutParameterCommand({ Name: ' regions ', Value: 'us-east-1,eu-west-1', Type: 'StringList' }));
    const got = (await ssm().send(new GetParameterCommand({ Name: 'regions' }))).Parameter!;
    assert.equal(got.Type, 'StringList');
    assert.equal(got.Value, 'us-east-1,eu-west-1');
    assert.equal(got.ARN, `${ARN}/regions`);
    assert.equal((await ssm().send(new GetParameterCommand({ Name: `${ARN}/regions` }))).Parameter!.Name, 'regions');
  });

  test('name rules: reserved prefixes, characters, hierarchy depth, fully qualified paths', async () => {
    for (const name of ['aws-thing', '/SSM/x', 'AWS', 'has space', '/a//b', '/a/b/', 'semi;colon', 'ünï']) {
      await rejectsWith(ssm().send(new PutParameterCommand({ Name: name, Value: 'v', Type: 'String' })), 'ValidationException', 400, NAME_RULES);
    }
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: 'a/b', Value: 'v', Type: 'String' })), 'ValidationException', 400, 'Parameter name must be a fully qualified name.');
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: deep, Value: 'v', Type: 'String' })), 'HierarchyLevelLimitExceededException', 400, /^A hierarchy can have a maximum of 15 levels\./);
    const fifteen = `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`;
    assert.equal((await ssm().send(new PutParameterCommand({ Name: fifteen, Value: 'v', Type: 'String' }))).Version, 1);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: `/${'n'.repeat(1000)}`, Value: 'v', Type: 'String' })), 'ValidationException', 400);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/typeless', Value: 'v' })), 'ValidationException', 400, 'A parameter type is required when you create a parameter.');
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/empty', Value: '', Type: 'String' })), 'ValidationException', 400);
  });

  test('a type change inside a hierarchy is refused; tags and Overwrite do not go together', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/typed/p', Value: 'v', Type: 'String' }));
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/typed/p', Value: 'v', Type: 'StringList', Overwrite: true })), 'HierarchyTypeMismatchException', 400);
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/typed/p', Value: 'v', Type: 'String', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] })),
      'ValidationException',
      400,
      /^Invalid request: tags and overwrite can't be used together\./,
    );
  });

  test('AllowedPattern and DataType are enforced', async () => {
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/pattern/port', Value: 'eighty', Type: 'String', AllowedPattern: '^\\d+$' })),
      'ParameterPatternMismatchException',
      400,
      'Parameter value, cannot be validated against allowedPattern: ^\\d+$',
    );
    await ssm().send(new PutParameterCommand({ Name: '/pattern/port', Value: '80', Type: 'String', AllowedPattern: '^\\d+$' }));
    // The pattern stays with the parameter: an overwrite is checked against it.
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/pattern/port', Value: 'x', Overwrite: true })), 'ParameterPatternMismatchException', 400);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/pattern/bad', Value: 'x', Type: 'String', AllowedPattern: '([a-z' })), 'InvalidAllowedPatternException', 400);
    // A catastrophic pattern cannot stall the server.
    const started = Date.now();
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/pattern/redos', Value: `${'a'.repeat(40)}!`, Type: 'String', AllowedPattern: '^(a+)+$' })), 'InvalidAllowedPatternException', 400);
    assert.ok(Date.now() - started < 5_000);

    await ssm().send(new PutParameterCommand({ Name: '/ami/latest', Value: 'ami-0123456789abcdef0', Type: 'String', DataType: 'aws:ec2:image' }));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/ami/latest' }))).Parameter!.DataType, 'aws:ec2:image');
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/ami/bad', Value: 'not-an-ami', Type: 'String', DataType: 'aws:ec2:image' })), 'ValidationException', 400);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/ami/list', Value: 'ami-01234567', Type: 'StringList', DataType: 'aws:ec2:image' })), 'UnsupportedParameterType', 400);
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/ami/type', Value: 'x', Type: 'String', DataType: 'Text' })),
      'ValidationException',
      400,
      'The following data type is not supported: Text (Data type names are all lowercase.)',
    );
  });

  test('tiers: 4 KB standard, 8 KB advanced, Intelligent-Tiering, no downgrade', async () => {
    const big = 'x'.repeat(5000);
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/tier/big', Value: big, Type: 'String' })),
      'ValidationException',
      400,
      /^Standard tier parameters support a maximum parameter value of 4096 characters\./,
    );
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/tier/big', Value: big, Type: 'String', Tier: 'Intelligent-Tiering' }))).Tier, 'Advanced');
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/tier/small', Value: 'x', Type: 'String', Tier: 'Intelligent-Tiering' }))).Tier, 'Standard');
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/tier/huge', Value: 'x'.repeat(8193), Type: 'String', Tier: 'Advanced' })), 'ValidationException', 400);
    await ssm().send(new PutParameterCommand({ Name: '/tier/up', Value: 'x', Type: 'String' }));
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/tier/up', Value: 'y', Overwrite: true, Tier: 'Advanced' }))).Tier, 'Advanced');
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/tier/up', Value: 'z', Overwrite: true }))).Tier, 'Advanced', 'an overwrite without Tier keeps the tier');
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/tier/up', Value: 'w', Overwrite: true, Tier: 'Standard' })), 'ValidationException', 400, /can't downgrade a parameter from the advanced-parameter tier/);
    const described = (await ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Tier', Values: ['Advanced'] }, { Key: 'Path', Option: 'OneLevel', Values: ['/tier'] }] }))).Parameters!;
    assert.deepEqual(described.map((p) => p.Name).sort(), ['/tier/big', '/tier/up']);
  });

  test('labels and selectors: name:version, name:label, moving labels, invalid labels', async () => {
    for (const v of ['one', 'two', 'three']) await ssm().send(new PutParameterCommand({ Name: '/lbl/p', Value: v, Type: 'String', Overwrite: v !== 'one' }));
    const labeled = await ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/p', ParameterVersion: 1, Labels: ['prod', 'Blue_1.x', '9lives', 'awsome', 'bad/label'] }));
    assert.deepEqual(labeled.InvalidLabels, ['9lives', 'awsome', 'bad/label']);
    assert.equal(labeled.ParameterVersion, 1);
    const byLabel = (await ssm().send(new GetParameterCommand({ Name: '/lbl/p:prod' }))).Parameter!;
    assert.equal(byLabel.Value, 'one');
    assert.equal(byLabel.Selector, ':prod');
    assert.equal(byLabel.Name, '/lbl/p');
    assert.equal(byLabel.Version, 1);
    const byVersion = (await ssm().send(new GetParameterCommand({ Name: `${ARN}/lbl/p:2` }))).Parameter!;
    assert.equal(byVersion.Value, 'two');
    assert.equal(byVersion.Selector, ':2');
    // Labeling without a version labels the latest; a label moves between versions.
    assert.equal((await ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/p', Labels: ['prod'] }))).ParameterVersion, 3);
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/lbl/p:prod' }))).Parameter!.Value, 'three');
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/lbl/p:9' })), 'ParameterVersionNotFound', 400, 'Systems Manager could not find version 9 of /lbl/p. Verify the version and try again.');
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/lbl/p:nolabel' })), 'ParameterVersionNotFound', 400);
    await rejectsWith(ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/p', ParameterVersion: 7, Labels: ['x'] })), 'ParameterVersionNotFound', 400);
    await rejectsWith(ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/none', Labels: ['x'] })), 'ParameterNotFound', 400);
    const many = Array.from({ length: 10 }, (_, i) => `l${i}`);
    await ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/p', ParameterVersion: 2, Labels: many }));
    await rejectsWith(ssm().send(new LabelParameterVersionCommand({ Name: '/lbl/p', ParameterVersion: 2, Labels: ['eleventh'] })), 'ParameterVersionLabelLimitExceeded', 400);

    const history = (await ssm().send(new GetParameterHistoryCommand({ Name: '/lbl/p' }))).Parameters!;
    assert.deepEqual(history.map((h) => [h.Version, h.Value]), [[1, 'one'], [2, 'two'], [3, 'three']]);
    assert.deepEqual(history[0]!.Labels, ['Blue_1.x']);
    assert.deepEqual(history[1]!.Labels!.sort(), [...many].sort());
    assert.deepEqual(history[2]!.Labels, ['prod']);

    const unlabeled = await ssm().send(new UnlabelParameterVersionCommand({ Name: '/lbl/p', ParameterVersion: 3, Labels: ['prod', 'Blue_1.x'] }));
    assert.deepEqual(unlabeled.RemovedLabels, ['prod']);
    assert.deepEqual(unlabeled.InvalidLabels, ['Blue_1.x']);
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/lbl/p:prod' })), 'ParameterVersionNotFound', 400);

    const several = await ssm().send(new GetParametersCommand({ Names: ['/lbl/p:Blue_1.x', '/lbl/p:2', '/lbl/p:99', '/lbl/missing', 'bad name'] }));
    assert.deepEqual(several.Parameters!.map((p) => [p.Selector, p.Value]), [[':Blue_1.x', 'one'], [':2', 'two']]);
    assert.deepEqual(several.InvalidParameters, ['/lbl/p:99', '/lbl/missing', 'bad name']);
  });

  test('concurrent overwrites each get their own version (or TooManyUpdates), none is lost', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/race/p', Value: 'v0', Type: 'String' }));
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => ssm().send(new PutParameterCommand({ Name: '/race/p', Value: `v${i + 1}`, Overwrite: true }))));
    const versions: number[] = [];
    for (const r of results) {
      if (r.status === 'fulfilled') versions.push(r.value.Version!);
      else assert.equal((r.reason as Error).name, 'TooManyUpdates');
    }
    assert.ok(versions.length > 0);
    assert.equal(new Set(versions).size, versions.length, 'no version given twice');
    const history = (await ssm().send(new GetParameterHistoryCommand({ Name: '/race/p' }))).Parameters!;
    assert.deepEqual(history.map((h) => h.Version), Array.from({ length: versions.length + 1 }, (_, i) => i + 1));
  });

  test('history pages; 100 versions kept, the oldest dropped unless labeled', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/many/p', Value: 'v1', Type: 'String' }));
    await ssm().send(new LabelParameterVersionCommand({ Name: '/many/p', ParameterVersion: 1, Labels: ['first'] }));
    for (let i = 2; i <= 100; i++) await ssm().send(new PutParameterCommand({ Name: '/many/p', Value: `v${i}`, Overwrite: true }));
    await rejectsWith(
      ssm().send(new PutParameterCommand({ Name: '/many/p', Value: 'v101', Overwrite: true })),
      'ParameterMaxVersionLimitExceeded',
      400,
      "You attempted to create a new version of /many/p by calling the PutParameter API with the overwrite flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
    );
    await ssm().send(new LabelParameterVersionCommand({ Name: '/many/p', ParameterVersion: 50, Labels: ['first'] }));
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/many/p', Value: 'v101', Overwrite: true }))).Version, 101);
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/many/p:1' })), 'ParameterVersionNotFound', 400);
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/many/p:2' }))).Parameter!.Value, 'v2');
    const versions: number[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm().send(new GetParameterHistoryCommand({ Name: '/many/p', MaxResults: 30, NextToken }));
      versions.push(...page.Parameters!.map((p) => p.Version!));
      NextToken = page.NextToken;
    } while (NextToken);
    assert.equal(versions.length, 100);
    assert.equal(versions[0], 2);
    assert.equal(versions[99], 101);
    await rejectsWith(ssm().send(new GetParameterHistoryCommand({ Name: '/many/p', NextToken: 'garbage' })), 'InvalidNextToken', 400);
  });

  test('GetParametersByPath: one level or recursive, filters, pages', async () => {
    for (const name of ['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deeper/d', '/treehouse/x']) {
      await ssm().send(new PutParameterCommand({ Name: name, Value: name, Type: name.endsWith('d') ? 'StringList' : 'String' }));
    }
    const one = (await ssm().send(new GetParametersByPathCommand({ Path: '/tree' }))).Parameters!;
    assert.deepEqual(one.map((p) => p.Name), ['/tree/a', '/tree/b']);
    const all: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ssm().send(new GetParametersByPathCommand({ Path: '/tree/', Recursive: true, MaxResults: 2, NextToken }));
      all.push(...page.Parameters!.map((p) => p.Name!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.deepEqual(all, ['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deeper/d']);
    assert.equal(pages, 2);
    const lists = (await ssm().send(new GetParametersByPathCommand({ Path: '/tree', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['StringList'] }] }))).Parameters!;
    assert.deepEqual(lists.map((p) => p.Name), ['/tree/sub/deeper/d']);
    await ssm().send(new PutParameterCommand({ Name: '/tree/a', Value: 'newer', Overwrite: true }));
    await ssm().send(new LabelParameterVersionCommand({ Name: '/tree/a', ParameterVersion: 1, Labels: ['stable'] }));
    const stable = (await ssm().send(new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['stable'] }] }))).Parameters!;
    assert.deepEqual(stable.map((p) => [p.Name, p.Value, p.Version]), [['/tree/a', '/tree/a', 1]]);
    await rejectsWith(ssm().send(new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })), 'InvalidFilterKey', 400);
    await rejectsWith(ssm().send(new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Label', Option: 'BeginsWith', Values: ['x'] }] })), 'InvalidFilterOption', 400);
    await rejectsWith(ssm().send(new GetParametersByPathCommand({ Path: 'tree' })), 'ValidationException', 400, /^The parameter doesn't meet the parameter name requirements\./);
    await rejectsWith(ssm().send(new GetParametersByPathCommand({ Path: '/tree', NextToken: 'nope' })), 'InvalidNextToken', 400);
  });

  test('DescribeParameters: ParameterFilters, legacy Filters, tags, pages', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/desc/a', Value: 'v', Type: 'String', Tags: [{ Key: 'team', Value: 'red' }] }));
    await ssm().send(new PutParameterCommand({ Name: '/desc/b', Value: 'v', Type: 'StringList', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await ssm().send(new PutParameterCommand({ Name: '/desc/deep/c', Value: 'v', Type: 'String' }));
    const names = async (input: DescribeParametersCommandInput) =>
      (await ssm().send(new DescribeParametersCommand(input))).Parameters!.map((p) => p.Name!).sort();
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Values: ['/desc'] }] }), ['/desc/a', '/desc/b']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/desc'] }] }), ['/desc/a', '/desc/b', '/desc/deep/c']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team', Values: ['red'] }] }), ['/desc/a']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'tag:team' }] }), ['/desc/a', '/desc/b']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['deep'] }, { Key: 'Path', Option: 'Recursive', Values: ['/desc'] }] }), ['/desc/deep/c']);
    assert.deepEqual(await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/desc/'] }, { Key: 'Type', Values: ['StringList'] }] }), ['/desc/b']);
    assert.deepEqual(await names({ Filters: [{ Key: 'Name', Values: ['/desc/d'] }] }), ['/desc/deep/c']);
    await rejectsWith(
      ssm().send(new DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['String'] }], ParameterFilters: [{ Key: 'Type', Values: ['String'] }] })),
      'ValidationException',
      400,
      'You can use either Filters or ParameterFilters in a single request.',
    );
    await rejectsWith(ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] })), 'InvalidFilterKey', 400);
    await rejectsWith(ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/desc'] }] })), 'InvalidFilterOption', 400);
    await rejectsWith(ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Values: ['desc'] }] })), 'InvalidFilterValue', 400);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm().send(new DescribeParametersCommand({ MaxResults: 1, NextToken, ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/desc'] }] }));
      assert.ok(page.Parameters!.length <= 1);
      seen.push(...page.Parameters!.map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    assert.deepEqual(seen, ['/desc/a', '/desc/b', '/desc/deep/c']);
    assert.deepEqual((await ssm().send(new DescribeParametersCommand({ Shared: true }))).Parameters, []);
  });

  test('tags: on create, added, removed, listed; InvalidResourceId for a missing parameter', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/tagged/p', Value: 'v', Type: 'String', Tags: [{ Key: 'env', Value: 'dev' }] }));
    const list = async () => (await ssm().send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tagged/p' }))).TagList!;
    assert.deepEqual(await list(), [{ Key: 'env', Value: 'dev' }]);
    await ssm().send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tagged/p', Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }] }));
    assert.deepEqual(await list(), [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }]);
    await ssm().send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tagged/p', TagKeys: ['env'] }));
    assert.deepEqual(await list(), [{ Key: 'owner', Value: 'ops' }]);
    await rejectsWith(ssm().send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tagged/none' })), 'InvalidResourceId', 400);
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejectsWith(ssm().send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tagged/p', Tags: fifty })), 'TooManyTagsError', 400);
    await rejectsWith(ssm().send(new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'doc' })), 'NotImplemented', 501);
  });

  test('DeleteParameter and DeleteParameters remove every version', async () => {
    await ssm().send(new PutParameterCommand({ Name: '/del/a', Value: '1', Type: 'String' }));
    await ssm().send(new PutParameterCommand({ Name: '/del/a', Value: '2', Type: 'String', Overwrite: true }));
    await ssm().send(new PutParameterCommand({ Name: '/del/b', Value: '1', Type: 'String' }));
    await ssm().send(new DeleteParameterCommand({ Name: '/del/a' }));
    await rejectsWith(ssm().send(new DeleteParameterCommand({ Name: '/del/a' })), 'ParameterNotFound', 400);
    await rejectsWith(ssm().send(new GetParameterHistoryCommand({ Name: '/del/a' })), 'ParameterNotFound', 400);
    // Re-created, it starts again at version 1 with no history.
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/del/a', Value: 'new', Type: 'String' }))).Version, 1);
    assert.equal((await ssm().send(new GetParameterHistoryCommand({ Name: '/del/a' }))).Parameters!.length, 1);
    const out = await ssm().send(new DeleteParametersCommand({ Names: ['/del/a', '/del/b', '/del/none', 'bad\u0000name'] }));
    assert.deepEqual(out.DeletedParameters, ['/del/a', '/del/b']);
    assert.deepEqual(out.InvalidParameters, ['/del/none', 'bad\u0000name']);
  });

  test('parameter policies: stored and shown; Expiration enforced by housekeeping', async () => {
    const soon = new Date(Date.now() + 3_600_000);
    const policies = JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: soon.toISOString() } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '15', Unit: 'Days' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '20', Unit: 'Days' } },
    ]);
    await rejectsWith(ssm().send(new PutParameterCommand({ Name: '/pol/p', Value: 'v', Type: 'String', Policies: policies })), 'ValidationException', 400);
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/pol/p', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: policies }))).Tier, 'Advanced');
    assert.equal((await ssm().send(new PutParameterCommand({ Name: '/pol/auto', Value: 'v', Type: 'String', Tier: 'Intelligent-Tiering', Policies: policies }))).Tier, 'Advanced');
    const meta = (await ssm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/pol/p'] }] }))).Parameters![0]!;
    assert.deepEqual(meta.Policies!.map((p) => [p.PolicyType, p.PolicyStatus]), [['Expiration', 'Pending'], ['ExpirationNotification', 'Pending'], ['NoChangeNotification', 'Pending']]);
    assert.equal(JSON.parse(meta.Policies![0]!.PolicyText!).Attributes.Timestamp, soon.toISOString());
    // Policies survive an overwrite that sends none; an empty list removes them.
    await ssm().send(new PutParameterCommand({ Name: '/pol/auto', Value: 'w', Overwrite: true, Policies: '[]' }));

    const bad = (p: unknown) => ssm().send(new PutParameterCommand({ Name: '/pol/bad', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: JSON.stringify(p) }));
    await rejectsWith(bad([{ Type: 'Rotation', Version: '1.0', Attributes: {} }]), 'InvalidPolicyTypeException', 400);
    await rejectsWith(bad([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: 'tomorrow' } }]), 'InvalidPolicyAttributeException', 400);
    await rejectsWith(bad([{ Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '5', Unit: 'Weeks' } }]), 'InvalidPolicyAttributeException', 400);
    const twice = { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: soon.toISOString() } };
    await rejectsWith(bad([twice, twice]), 'IncompatiblePolicyException', 400);
    await rejectsWith(bad(Array.from({ length: 11 }, () => twice)), 'PoliciesLimitExceededException', 400);

    await bulwark.housekeeping.runNow(new Date(soon.getTime() - 60_000));
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/pol/p' }))).Parameter!.Value, 'v');
    await bulwark.housekeeping.runNow(new Date(soon.getTime() + 60_000));
    await rejectsWith(ssm().send(new GetParameterCommand({ Name: '/pol/p' })), 'ParameterNotFound', 400);
    await rejectsWith(ssm().send(new GetParameterHistoryCommand({ Name: '/pol/p' })), 'ParameterNotFound', 400);
    assert.equal((await ssm().send(new GetParameterCommand({ Name: '/pol/auto' }))).Parameter!.Value, 'w', 'its Expiration policy was removed');
  });
});
