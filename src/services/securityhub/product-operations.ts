/**
 * DescribeProducts, EnableImportFindingsForProduct, DisableImportFindingsForProduct and
 * ListEnabledProductsForImport, and the check imports make: a product's findings are taken
 * when it is the account's default product or its integration is enabled.
 */
import type { Scope, StoreOps } from '../../store/index.js';
import type { OperationHandler } from '../types.js';
import { KIND, type SubscriptionRecord } from './common.js';
import { cached } from './config-cache.js';
import { conflict, invalidInput, resourceNotFound } from './errors.js';
import { callerScope, requireHub } from './hubs.js';
import { paginate } from './pagination.js';
import { awsProduct, defaultProductKey, parseProductArn, parseSubscriptionArn, productsFor, subscriptionArn } from './products.js';

export async function subscriptionsOf(ops: StoreOps, scope: Scope): Promise<SubscriptionRecord[]> {
  return (await ops.list<SubscriptionRecord>(scope, KIND.subscription)).items.map((i) => i.value);
}

/** Whether findings of product `key` are imported into the hub of `scope` (cached). */
export async function importsProduct(store: StoreOps & object, scope: Scope, key: string): Promise<boolean> {
  if (key === defaultProductKey(scope.account)) return true;
  const keys = await cached(store, `subscriptions\u0000${scope.account}\u0000${scope.region}`, async () => (await store.list(scope, KIND.subscription)).items.map((i) => i.id));
  return keys.includes(key);
}

export const describeProducts: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const products = productsFor(callerScope(ctx)).filter((p) => input.ProductArn === undefined || p.arn === input.ProductArn);
  const { page, NextToken } = paginate(products, input.MaxResults, input.NextToken);
  return {
    Products: page.map((p) => ({
      ProductArn: p.arn,
      ProductName: p.name,
      CompanyName: p.company,
      Description: p.description,
      Categories: p.categories,
      IntegrationTypes: ['SEND_FINDINGS_TO_SECURITY_HUB'],
    })),
    ...(NextToken && { NextToken }),
  };
};

// Unconfirmed wording (the errors below).
export const enableImportFindingsForProduct: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const arn = String(input.ProductArn);
  const parsed = parseProductArn(arn);
  if (!parsed || parsed.region !== ctx.region || !awsProduct(parsed.key)) throw invalidInput(`Invalid ProductArn: ${arn}`);
  const record: SubscriptionRecord = { ProductArn: arn, ProductSubscriptionArn: subscriptionArn(scope, parsed.key) };
  await ctx.store.transaction(async (tx) => {
    if (await tx.get(scope, KIND.subscription, parsed.key)) throw conflict(`The product ${arn} is already enabled for import.`);
    await tx.put(scope, KIND.subscription, parsed.key, record);
  });
  return { ProductSubscriptionArn: record.ProductSubscriptionArn };
};

export const disableImportFindingsForProduct: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const scope = callerScope(ctx);
  const arn = String(input.ProductSubscriptionArn);
  const parsed = parseSubscriptionArn(arn);
  const deleted = parsed !== undefined && parsed.account === ctx.account && parsed.region === ctx.region && (await ctx.store.delete(scope, KIND.subscription, parsed.key));
  if (!deleted) throw resourceNotFound('Product subscription', arn);
  return {};
};

export const listEnabledProductsForImport: OperationHandler = async (ctx, input) => {
  await requireHub(ctx);
  const arns = (await subscriptionsOf(ctx.store, callerScope(ctx))).map((s) => s.ProductSubscriptionArn);
  const { page, NextToken } = paginate(arns, input.MaxResults, input.NextToken);
  return { ProductSubscriptions: page, ...(NextToken && { NextToken }) };
};
