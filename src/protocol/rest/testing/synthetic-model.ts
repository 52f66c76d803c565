import { ServiceModel, type ProtocolName, type ServiceTable, type Shape } from '../../../models/index.js';

/**
 * A small invented REST service whose one model exercises every binding rule the REST codecs
 * implement: labels (plain, greedy, timestamp), query members (timestamp, list, map), headers
 * (timestamps in both defaults and an explicit format, lists, prefix maps, jsonvalue, blob,
 * integer, boolean), a status-code member, payload members (structure, blob, string) and body
 * members (timestamps, wrapped and flattened lists, maps, attributes, nested structures).
 */
const shapes: Record<string, Shape> = {
  String: { type: 'string' },
  Integer: { type: 'integer' },
  Boolean: { type: 'boolean' },
  Double: { type: 'double' },
  Timestamp: { type: 'timestamp' },
  IsoTimestamp: { type: 'timestamp', timestampFormat: 'iso8601' },
  Blob: { type: 'blob' },
  StreamingBlob: { type: 'blob', streaming: true },
  StringList: { type: 'list', member: { shape: 'String' } },
  TimestampList: { type: 'list', member: { shape: 'Timestamp' } },
  StringMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
  ListMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'StringList' } },
  Item: { type: 'structure', members: { Name: { shape: 'String' }, Size: { shape: 'Integer' } } },
  ItemList: { type: 'list', member: { shape: 'Item', locationName: 'Item' } },
  FlatItemList: { type: 'list', member: { shape: 'Item' }, flattened: true },
  Inner: { type: 'structure', members: { Value: { shape: 'String', locationName: 'value' } } },
  Nested: {
    type: 'structure',
    members: {
      Kind: { shape: 'String', locationName: 'xsi:kind', xmlAttribute: true },
      Inner: { shape: 'Inner', locationName: 'inner' },
    },
    xmlNamespace: { prefix: 'xsi', uri: 'http://www.w3.org/2001/XMLSchema-instance' },
  },
  Doc: { type: 'structure', members: { Title: { shape: 'String' }, Items: { shape: 'ItemList' } } },
  WidgetInput: {
    type: 'structure',
    required: ['Id', 'Path'],
    members: {
      Id: { shape: 'String', location: 'uri', locationName: 'Id' },
      When: { shape: 'Timestamp', location: 'uri', locationName: 'When' },
      Path: { shape: 'String', location: 'uri', locationName: 'Path' },
      Since: { shape: 'Timestamp', location: 'querystring', locationName: 'since' },
      Tags: { shape: 'StringList', location: 'querystring', locationName: 'tag' },
      Limit: { shape: 'Integer', location: 'querystring', locationName: 'limit' },
      Filters: { shape: 'ListMap', location: 'querystring' },
      Modified: { shape: 'Timestamp', location: 'header', locationName: 'X-Modified' },
      Epoch: { shape: 'Timestamp', location: 'header', locationName: 'x-epoch', timestampFormat: 'unixTimestamp' },
      Labels: { shape: 'StringList', location: 'header', locationName: 'x-labels' },
      Dates: { shape: 'TimestampList', location: 'header', locationName: 'x-dates' },
      Meta: { shape: 'StringMap', location: 'headers', locationName: 'x-meta-' },
      Policy: { shape: 'String', location: 'header', locationName: 'x-policy', jsonvalue: true },
      Token: { shape: 'Blob', location: 'header', locationName: 'x-token' },
      Count: { shape: 'Integer', location: 'header', locationName: 'x-count' },
      Flag: { shape: 'Boolean', location: 'header', locationName: 'x-flag' },
      Created: { shape: 'Timestamp' },
      IsoCreated: { shape: 'IsoTimestamp', locationName: 'isoCreated' },
      Items: { shape: 'ItemList' },
      FlatItems: { shape: 'FlatItemList', locationName: 'FlatItem' },
      Attrs: { shape: 'StringMap' },
      Nested: { shape: 'Nested' },
      Data: { shape: 'Blob' },
      Ratio: { shape: 'Double' },
      Empty: { shape: 'StringList' },
    },
  },
  WidgetOutput: {
    type: 'structure',
    members: {
      Status: { shape: 'Integer', location: 'statusCode' },
      ETag: { shape: 'String', location: 'header', locationName: 'ETag' },
      Modified: { shape: 'Timestamp', location: 'header', locationName: 'Last-Modified' },
      Labels: { shape: 'StringList', location: 'header', locationName: 'x-labels' },
      Meta: { shape: 'StringMap', location: 'headers', locationName: 'x-meta-' },
      Created: { shape: 'Timestamp' },
      Items: { shape: 'ItemList' },
      FlatItems: { shape: 'FlatItemList', locationName: 'FlatItem' },
      Attrs: { shape: 'StringMap' },
      Nested: { shape: 'Nested' },
      Empty: { shape: 'StringList' },
      Ratio: { shape: 'Double' },
    },
  },
  PutDocInput: {
    type: 'structure',
    members: { Doc: { shape: 'Doc', locationName: 'Document', xmlNamespace: { uri: 'http://widgets.example/doc' } } },
    payload: 'Doc',
  },
  BlobOutput: {
    type: 'structure',
    members: { Body: { shape: 'StreamingBlob', streaming: true }, ContentType: { shape: 'String', location: 'header', locationName: 'Content-Type' } },
    payload: 'Body',
  },
  TextOutput: { type: 'structure', members: { Text: { shape: 'String' } }, payload: 'Text' },
  WidgetNotFound: { type: 'structure', members: { Message: { shape: 'String', locationName: 'message' }, WidgetId: { shape: 'String' } }, error: { httpStatusCode: 404 }, exception: true },
};

export function syntheticRestModel(protocol: Extract<ProtocolName, 'rest-json' | 'rest-xml'>): ServiceModel {
  const table: ServiceTable = {
    metadata: { apiVersion: '2024-01-01', protocol, signingName: 'widgets', endpointPrefix: 'widgets', serviceId: 'Widgets', xmlNamespace: protocol === 'rest-xml' ? 'http://widgets.example/2024' : undefined },
    operationCount: 4,
    operations: {
      PutWidget: { name: 'PutWidget', http: { method: 'PUT', requestUri: '/widgets/{Id}/at/{When}/{Path+}?action=put' }, input: { shape: 'WidgetInput' }, output: { shape: 'WidgetOutput' }, errors: [{ shape: 'WidgetNotFound' }] },
      PutDoc: { name: 'PutDoc', http: { method: 'POST', requestUri: '/docs', responseCode: 204 }, input: { shape: 'PutDocInput' } },
      GetBlob: { name: 'GetBlob', http: { method: 'GET', requestUri: '/blobs' }, output: { shape: 'BlobOutput' } },
      GetText: { name: 'GetText', http: { method: 'GET', requestUri: '/text' }, output: { shape: 'TextOutput' } },
    },
    shapes,
  };
  return new ServiceModel(`widgets-${protocol}`, table);
}
