/**
 * Calls GuardDuty flags by who or what makes them rather than by what they do: the root user's
 * credentials, a penetration-testing distribution's user agent.
 */
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clientsLike } from '../clients.js';
import { technique } from '../technique.js';

/** Margin past the minute's start, for the server's clock to be there too. */
const CLOCK_MARGIN_MS = 250;

/**
 * Root usage is reported once a minute per key, and the run's own root calls (setup, cleanup,
 * polling) have used this minute already: the detonation waits for the next one.
 */
function nextMinute(): Promise<void> {
  const wait = 60_000 - (Date.now() % 60_000) + CLOCK_MARGIN_MS;
  return new Promise((resolve) => setTimeout(resolve, wait));
}

export const rootCredentialUsage = technique({
  id: 'aws.initial-access.root-credential-usage',
  title: 'Use the Root User Credentials',
  source: 'bulwark',
  tactics: ['Initial Access', 'Privilege Escalation'],
  expectedFindingTypes: ['Policy:IAMUser/RootCredentialUsage'],
  async setup(context) {
    if (!/:root$/.test(context.operatorArn)) throw new Error(`needs the run to sign with root credentials (it signs as ${context.operatorArn})`);
    await nextMinute();
  },
  async detonate(context) {
    const keys = await context.operator.s3.config.credentials();
    context.attribute(keys.accessKeyId);
    await context.operator.s3.send(new ListBucketsCommand({}));
  },
});

/** The user agent of the AWS CLI on Kali Linux (its kernel release names the distribution). */
export const KALI_USER_AGENT = 'aws-cli/1.22.34 Python/3.9.12 Linux/5.16.0-kali7-amd64 botocore/1.24.0';

export const kaliLinuxUserAgent = technique({
  id: 'aws.discovery.kali-linux-api-calls',
  title: 'Discovery Calls from Kali Linux',
  source: 'bulwark',
  tactics: ['Discovery'],
  expectedFindingTypes: ['PenTest:IAMUser/KaliLinux'],
  async detonate({ attacker }) {
    const kali = clientsLike(attacker, { userAgent: KALI_USER_AGENT });
    try {
      await kali.sts.send(new GetCallerIdentityCommand({}));
      await kali.iam.send(new ListUsersCommand({}));
      await kali.s3.send(new ListBucketsCommand({}));
    } finally {
      kali.close();
    }
  },
});
