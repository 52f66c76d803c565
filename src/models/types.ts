/**
 * Types of the compact service tables generated from the official AWS models
 * (tools/generate-models.mjs). They keep botocore's shape vocabulary.
 */
export type ProtocolName = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

export interface ServiceMetadata {
  apiVersion: string;
  protocol: ProtocolName;
  protocols?: ProtocolName[];
  jsonVersion?: string;
  targetPrefix?: string;
  signingName: string;
  endpointPrefix: string;
  serviceId: string;
  xmlNamespace?: string;
  globalEndpoint?: string;
}

export interface ShapeRef {
  shape: string;
  location?: 'header' | 'headers' | 'querystring' | 'uri' | 'statusCode';
  locationName?: string;
  queryName?: string;
  xmlNamespace?: { uri?: string; prefix?: string };
  xmlAttribute?: boolean;
  flattened?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
  idempotencyToken?: boolean;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  streaming?: boolean;
  eventstream?: boolean;
  deprecated?: boolean;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  flattened?: boolean;
  locationName?: string;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  sensitive?: boolean;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  payload?: string;
  streaming?: boolean;
  requiresLength?: boolean;
  union?: boolean;
  document?: boolean;
  eventstream?: boolean;
  event?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  xmlNamespace?: { uri?: string; prefix?: string };
  xmlOrder?: string[];
  wrapper?: boolean;
  resultWrapper?: string;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef;
  output?: ShapeRef & { resultWrapper?: string };
  errors?: ShapeRef[];
  authtype?: string;
  auth?: string[];
  endpoint?: { hostPrefix: string };
  httpChecksum?: Record<string, unknown>;
  deprecated?: boolean;
  idempotent?: boolean;
}

export interface ServiceTable {
  metadata: ServiceMetadata;
  /** The number of operations in the full AWS model (the table may hold a subset, e.g. EC2). */
  operationCount: number;
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}
