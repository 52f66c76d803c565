import { notImplemented } from '../core/aws-error.js';
import type { OperationHandler, ServiceAuthorization, ServiceDefinition } from './types.js';
import { cloudtrailService } from './cloudtrail/index.js';
import { eventsService } from './events/index.js';
import { guarddutyService } from './guardduty/index.js';
import { iamService } from './iam/index.js';
import { kmsService } from './kms/index.js';
import { organizationsService } from './organizations/index.js';
import { s3Service } from './s3/index.js';
import { s3controlService } from './s3control/index.js';
import { secretsManagerService } from './secretsmanager/index.js';
import { securityhubService } from './securityhub/index.js';
import { ssmService } from './ssm/index.js';
import { stsService } from './sts/index.js';

/** Every implemented service; a modelled operation missing here answers NotImplemented. */
const SERVICES: ServiceDefinition[] = [stsService, iamService, organizationsService, kmsService, s3Service, s3controlService, cloudtrailService, ssmService, secretsManagerService, guarddutyService, securityhubService, eventsService];

const byName = new Map(SERVICES.map((s) => [s.name, s]));

export function implementedOperations(service: string): string[] {
  return Object.keys(byName.get(service)?.operations ?? {});
}

/** Every service's clock-driven work (src/server/housekeeping.ts runs it). */
export function housekeepingTasks(): Array<{ service: string; run: NonNullable<ServiceDefinition['housekeeping']> }> {
  return SERVICES.flatMap((s) => (s.housekeeping ? [{ service: s.name, run: s.housekeeping }] : []));
}

/** The service's own input rules, run right after model validation. */
export function serviceInputCheck(service: string): ServiceDefinition['checkInput'] {
  return byName.get(service)?.checkInput;
}

/** Top-level list members of an operation whose items the service validates itself. */
export function itemsValidatedByService(service: string, operation: string): readonly string[] | undefined {
  return byName.get(service)?.validatesItems?.[operation];
}

/** The service's own authorization hooks (by model name, or by an ARN's service segment). */
export function serviceAuthorization(service: string): ServiceAuthorization | undefined {
  return byName.get(service)?.authorization;
}

/** The handler for an operation, or one that throws the clear NotImplemented error naming it. */
export function operationHandler(service: string, operation: string): OperationHandler {
  const handler = byName.get(service)?.operations[operation];
  if (handler) return handler;
  return () => {
    throw notImplemented(service, operation);
  };
}
