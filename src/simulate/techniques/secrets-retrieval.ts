/** Credential access in bulk: many Secrets Manager secrets or SecureString parameters read at once. */
import { BatchGetSecretValueCommand, CreateSecretCommand, DeleteSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { DeleteParameterCommand, DescribeParametersCommand, GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { unlessGone } from '../fixtures/gone.js';
import { technique, type TechniqueContext } from '../technique.js';

const SECRET_COUNT = 20;
const TAG_KEY = 'bulwark-simulate';
const SECRETS_MANAGER_BURST = 'CredentialAccess:SecretsManager/CloudSecretsManagementStores';

/** `SECRET_COUNT` secrets tagged for the run; resolves the tag value that finds them. */
async function createSecrets(context: TechniqueContext): Promise<string> {
  const tagValue = context.name('secrets');
  const secretsManager = context.operator.secretsManager;
  for (let i = 1; i <= SECRET_COUNT; i++) {
    const name = `${tagValue}/credentials-${i}`;
    await secretsManager.send(new CreateSecretCommand({ Name: name, SecretString: `{"password":"not-a-real-password-${i}"}`, Tags: [{ Key: TAG_KEY, Value: tagValue }] }));
    context.undo(`delete secret ${name}`, () => unlessGone(() => secretsManager.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }))));
  }
  return tagValue;
}

const runSecretsFilter = (tagValue: string) => [
  { Key: 'tag-key' as const, Values: [TAG_KEY] },
  { Key: 'tag-value' as const, Values: [tagValue] },
];

export const secretsManagerRetrieveSecrets = technique<string>({
  id: 'aws.credential-access.secretsmanager-retrieve-secrets',
  title: 'Retrieve a High Number of Secrets Manager secrets',
  source: 'stratus',
  tactics: ['Credential Access'],
  expectedFindingTypes: [SECRETS_MANAGER_BURST],
  setup: createSecrets,
  async detonate({ attacker }, tagValue) {
    let token: string | undefined;
    do {
      const page = await attacker.secretsManager.send(new ListSecretsCommand({ Filters: runSecretsFilter(tagValue), NextToken: token }));
      for (const secret of page.SecretList ?? []) await attacker.secretsManager.send(new GetSecretValueCommand({ SecretId: secret.ARN }));
      token = page.NextToken;
    } while (token);
  },
});

export const secretsManagerBatchRetrieveSecrets = technique<string>({
  id: 'aws.credential-access.secretsmanager-batch-retrieve-secrets',
  title: 'Retrieve a High Number of Secrets Manager secrets (Batch)',
  source: 'stratus',
  tactics: ['Credential Access'],
  expectedFindingTypes: [SECRETS_MANAGER_BURST],
  setup: createSecrets,
  async detonate({ attacker }, tagValue) {
    let token: string | undefined;
    do {
      const page = await attacker.secretsManager.send(new BatchGetSecretValueCommand({ Filters: runSecretsFilter(tagValue), MaxResults: 10, NextToken: token }));
      token = page.NextToken;
    } while (token);
  },
});

const PARAMETER_COUNT = 20;

export const ssmRetrieveSecureStringParameters = technique<string>({
  id: 'aws.credential-access.ssm-retrieve-securestring-parameters',
  title: 'Retrieve And Decrypt SSM Parameters',
  source: 'stratus',
  tactics: ['Credential Access'],
  expectedFindingTypes: ['CredentialAccess:SSM/CloudSecretsManagementStores'],
  async setup(context) {
    const path = `/${context.name('credentials')}/`;
    const ssm = context.operator.ssm;
    for (let i = 1; i <= PARAMETER_COUNT; i++) {
      const name = `${path}credentials-${i}`;
      await ssm.send(new PutParameterCommand({ Name: name, Type: 'SecureString', Value: `not-a-real-password-${i}` }));
      context.undo(`delete parameter ${name}`, () => unlessGone(() => ssm.send(new DeleteParameterCommand({ Name: name }))));
    }
    return path;
  },
  async detonate({ attacker }, path) {
    let token: string | undefined;
    do {
      const page = await attacker.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: [path] }], MaxResults: 10, NextToken: token }),
      );
      const names = (page.Parameters ?? []).map((p) => p.Name!);
      if (names.length > 0) await attacker.ssm.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
      token = page.NextToken;
    } while (token);
  },
});
