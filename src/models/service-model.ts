import { readFileSync } from 'node:fs';
import type { OperationModel, ServiceMetadata, ServiceTable, Shape } from './types.js';
import { generatedDir } from './paths.js';

/**
 * One service's model with the lookups the protocols need, built once per process and
 * loaded lazily: start-up reads no model until a request for that service arrives.
 */
export class ServiceModel {
  readonly name: string;
  readonly metadata: ServiceMetadata;
  readonly operations: ReadonlyMap<string, OperationModel>;
  readonly shapes: Readonly<Record<string, Shape>>;
  /** Operations in the full AWS model, of which the table may hold a subset. */
  readonly modelOperationCount: number;

  constructor(name: string, table: ServiceTable) {
    this.name = name;
    this.metadata = table.metadata;
    this.shapes = table.shapes;
    this.modelOperationCount = table.operationCount;
    const ops = new Map<string, OperationModel>();
    for (const [opName, op] of Object.entries(table.operations)) ops.set(opName, { ...op, name: opName });
    this.operations = ops;
  }

  operation(name: string): OperationModel | undefined {
    return this.operations.get(name);
  }

  shape(name: string): Shape {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`${this.name}: unknown shape ${name}`);
    return shape;
  }

  /** The input structure of an operation, or an empty structure when it takes none. */
  inputShape(op: OperationModel): Shape {
    return op.input ? this.shape(op.input.shape) : EMPTY_STRUCTURE;
  }

  outputShape(op: OperationModel): Shape {
    return op.output ? this.shape(op.output.shape) : EMPTY_STRUCTURE;
  }
}

const EMPTY_STRUCTURE: Shape = { type: 'structure', members: {} };

const cache = new Map<string, ServiceModel>();

/** The model of a service by its botocore name (`iam`, `kms`, `s3`, `cognito-idp`, …). */
export function loadServiceModel(name: string): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    const table = JSON.parse(readFileSync(new URL(`${name}.json`, generatedDir), 'utf8')) as ServiceTable;
    model = new ServiceModel(name, table);
    cache.set(name, model);
  }
  return model;
}
