import { notImplemented } from '../core/aws-error.js';
import type { OperationHandler, ServiceDefinition } from './types.js';
import { iamService } from './iam/index.js';
import { organizationsService } from './organizations/index.js';
import { stsService } from './sts/index.js';

/** Every implemented service; a modelled operation missing here answers NotImplemented. */
const SERVICES: ServiceDefinition[] = [stsService, iamService, organizationsService];

const byName = new Map(SERVICES.map((s) => [s.name, s]));

export function implementedOperations(service: string): string[] {
  return Object.keys(byName.get(service)?.operations ?? {});
}

/** The handler for an operation, or one that throws the clear NotImplemented error naming it. */
export function operationHandler(service: string, operation: string): OperationHandler {
  const handler = byName.get(service)?.operations[operation];
  if (handler) return handler;
  return () => {
    throw notImplemented(service, operation);
  };
}
