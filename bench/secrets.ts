import { benchUser, call, jsonCall, runSideBySide } from './side-by-side.js';

/**
 * `npm run bench:secrets [-- --seconds 10 --connections 32 --rounds 5 --workers 1]`
 * Authorized Secrets Manager GetSecretValue and SSM GetParameter (a SecureString, decrypted):
 * on Bulwark signed by an IAM user whose identity policy allows them (SigV4, the engine, the
 * KMS decryption on the caller's behalf and the CloudTrail record included), side by side with
 * moto_server (no authorization).
 */
const secrets = (operation: string, body: object) => jsonCall('secretsmanager', `secretsmanager.${operation}`, body);
const ssm = (operation: string, body: object) => jsonCall('ssm', `AmazonSSM.${operation}`, body);

await runSideBySide([24682, 24683], async (target) => {
  await call(target.endpoint, secrets('CreateSecret', { Name: 'bench/db', ClientRequestToken: '11111111-2222-3333-4444-555555555555', SecretString: JSON.stringify({ username: 'app', password: 'x'.repeat(32) }) }));
  await call(target.endpoint, ssm('PutParameter', { Name: '/bench/db/password', Value: 'y'.repeat(32), Type: 'SecureString' }));
  const credentials =
    target.name === 'bulwark'
      ? await benchUser(target.endpoint, {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'ssm:GetParameter'], Resource: '*' }],
        })
      : undefined;
  return {
    credentials,
    scenarios: [
      { name: 'secretsmanager:GetSecretValue (authorized)', request: secrets('GetSecretValue', { SecretId: 'bench/db' }) },
      { name: 'ssm:GetParameter (SecureString, decrypted, authorized)', request: ssm('GetParameter', { Name: '/bench/db/password', WithDecryption: true }) },
    ],
  };
});
