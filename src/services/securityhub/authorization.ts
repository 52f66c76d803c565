/**
 * What Security Hub tells the authorizer (src/authz/authorizer.ts): BatchImportFindings is
 * authorized on the product ARN of its findings (one target per distinct product), as AWS
 * authorizes it, instead of `*` — IAM's template for the product cannot be filled from the
 * request's members. Every other call keeps the generic requirement (the hub's ARN).
 */
import type { AuthorizationTarget, OperationInput, RequestContext, ServiceAuthorization } from '../types.js';
import { parseProductArn } from './products.js';

async function targets(ctx: RequestContext, input: OperationInput, generic: AuthorizationTarget[]): Promise<AuthorizationTarget[]> {
  if (ctx.operation !== 'BatchImportFindings' || generic.length === 0) return generic;
  const findings = Array.isArray(input.Findings) ? (input.Findings as Array<{ ProductArn?: unknown }>) : [];
  const products = [...new Set(findings.map((f) => f.ProductArn).filter((arn): arn is string => typeof arn === 'string' && parseProductArn(arn) !== undefined))];
  return products.length === 0 ? generic : products.map((resource) => ({ ...generic[0]!, resource }));
}

export const securityhubAuthorization: ServiceAuthorization = { targets };
