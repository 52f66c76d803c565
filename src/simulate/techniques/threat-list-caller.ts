/**
 * Calls from an address on the account's own threat list: the technique lists the address it
 * calls from (as Bulwark sees it) in a ThreatIntelSet, activates it, calls as the attacker, and
 * deletes the set again. While the set is active every call from that address is flagged, the
 * run's own included: no other technique runs meanwhile.
 */
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateThreatIntelSetCommand, DeleteThreatIntelSetCommand } from '@aws-sdk/client-guardduty';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createBucket } from '../fixtures/s3.js';
import { technique, type TechniqueContext } from '../technique.js';

const LOOKUP_ATTEMPTS = 20;
const LOOKUP_INTERVAL_MS = 100;

/** The source address CloudTrail recorded for a call of the attacker. */
async function attackerAddress(context: TechniqueContext): Promise<string> {
  await context.attacker.sts.send(new GetCallerIdentityCommand({}));
  const accessKeyId = context.attacker.settings.credentials!.accessKeyId;
  for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
    const events = await context.operator.cloudTrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: accessKeyId }] }));
    for (const event of events.Events ?? []) {
      const address = (JSON.parse(event.CloudTrailEvent ?? '{}') as { sourceIPAddress?: string }).sourceIPAddress;
      if (address) return address;
    }
    await new Promise((resolve) => setTimeout(resolve, LOOKUP_INTERVAL_MS));
  }
  throw new Error('CloudTrail event history shows no call of the attacker: the address to list is unknown');
}

export const threatListCaller = technique({
  id: 'aws.initial-access.threat-listed-ip-caller',
  title: 'API Calls from an Address on a Custom Threat List',
  source: 'bulwark',
  tactics: ['Initial Access', 'Discovery'],
  expectedFindingTypes: ['Recon:IAMUser/MaliciousIPCaller.Custom', 'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom'],
  async setup(context) {
    const detectorId = context.detectorId;
    if (detectorId === undefined) throw new Error('needs GuardDuty (a detector to hold the threat list)');
    const address = await attackerAddress(context);
    const bucket = await createBucket(context, 'threat-list');
    await context.operator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'threat-list.txt', Body: `${address}\n` }));
    const guardDuty = context.operator.guardDuty;
    const set = await guardDuty.send(
      new CreateThreatIntelSetCommand({ DetectorId: detectorId, Name: context.name('threat-list'), Format: 'TXT', Location: `s3://${bucket}/threat-list.txt`, Activate: true }),
    );
    context.undo(`delete ThreatIntelSet ${set.ThreatIntelSetId}`, () => guardDuty.send(new DeleteThreatIntelSetCommand({ DetectorId: detectorId, ThreatIntelSetId: set.ThreatIntelSetId })));
  },
  async detonate({ attacker }) {
    await attacker.iam.send(new ListUsersCommand({}));
  },
});
