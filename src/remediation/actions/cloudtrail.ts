/**
 * CloudTrail remediation: a stopped trail logging again. When the event does not name the
 * trail (a GuardDuty finding about StopLogging), every trail whose home is the event's Region
 * and that is not logging is started.
 */
import { changed, unchanged, type ActionContext, type RemediationAction, type SubjectOf } from '../action.js';

async function cloudTrailClient(ctx: ActionContext, region: string) {
  const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
  return ctx.client((config) => new CloudTrailClient(config), region);
}

export const cloudTrailStartLogging: RemediationAction<'trail'> = {
  name: 'cloudtrail-start-logging',
  description: 'Starts logging on the trail (StartLogging) unless it is logging; a finding that names no trail starts every stopped trail of its Region.',
  accepts: ['guardduty-finding', 'securityhub-findings', 'cloudtrail-call'],
  subject: 'trail',
  iamActions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:StartLogging'],
  async run({ trail, region }: SubjectOf<'trail'>, ctx) {
    const { DescribeTrailsCommand, GetTrailStatusCommand, StartLoggingCommand } = await import('@aws-sdk/client-cloudtrail');
    const cloudTrail = await cloudTrailClient(ctx, region);
    const named = trail !== undefined ? [trail] : ((await cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? []).filter((t) => t.HomeRegion === region).map((t) => t.TrailARN!);
    const started: string[] = [];
    for (const name of named) {
      if ((await cloudTrail.send(new GetTrailStatusCommand({ Name: name }))).IsLogging === true) continue;
      await cloudTrail.send(new StartLoggingCommand({ Name: name }));
      started.push(name);
    }
    if (started.length === 0) return unchanged(trail !== undefined ? `${trail} is logging` : `every trail of ${region} is logging`);
    return changed(`started logging on ${started.join(', ')}`);
  },
};
