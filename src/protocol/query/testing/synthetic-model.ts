import { ServiceModel, type ProtocolName, type ServiceTable, type Shape } from '../../../models/index.js';

/**
 * Test support: a small model using every query/ec2 serialization rule the real IAM/STS/EC2
 * tables barely exercise — renamed members, wrapped/flattened/named lists, wrapped/flattened
 * maps with renamed keys, nested structures, every scalar type, timestamp formats, an
 * attribute and a modelled error with an extra member.
 */
const members: Shape['members'] = {
  Name: { shape: 'String' },
  Renamed: { shape: 'String', locationName: 'otherName' },
  Wrapped: { shape: 'StringList' },
  WrappedNamed: { shape: 'NamedList' },
  Flat: { shape: 'FlatList' },
  FlatNamed: { shape: 'FlatNamedList' },
  Attrs: { shape: 'StringMap' },
  FlatAttrs: { shape: 'FlatRenamedMap' },
  Nested: { shape: 'Nested' },
  NestedList: { shape: 'NestedList' },
  Count: { shape: 'Integer' },
  Big: { shape: 'Long' },
  Ratio: { shape: 'Double' },
  Flag: { shape: 'Boolean' },
  When: { shape: 'Timestamp' },
  WhenEpoch: { shape: 'Timestamp', timestampFormat: 'unixTimestamp' },
  Data: { shape: 'Blob' },
  Queried: { shape: 'String', queryName: 'QueryOnly', locationName: 'locOnly' },
};

export function syntheticTable(protocol: ProtocolName): ServiceTable {
  return {
    metadata: {
      apiVersion: '2020-01-01', protocol, signingName: 'synth', endpointPrefix: 'synth', serviceId: 'Synth',
      xmlNamespace: protocol === 'ec2' ? 'http://synth.amazonaws.com/doc/2020-01-01' : 'https://synth.amazonaws.com/doc/2020-01-01/',
    },
    operationCount: 2,
    operations: {
      Echo: {
        name: 'Echo', http: { method: 'POST', requestUri: '/' },
        input: { shape: 'EchoInput' }, errors: [{ shape: 'ConflictException' }],
        // EC2 documents have no Result wrapper element.
        output: protocol === 'ec2' ? { shape: 'EchoOutput' } : { shape: 'EchoOutput', resultWrapper: 'EchoResult' },
      },
      Ping: { name: 'Ping', http: { method: 'POST', requestUri: '/' } },
    },
    shapes: {
      EchoInput: { type: 'structure', members, required: ['Name'] },
      EchoOutput: { type: 'structure', members },
      Nested: { type: 'structure', members: { Inner: { shape: 'Inner' }, Label: { shape: 'String', locationName: 'label' } } },
      Inner: { type: 'structure', members: { Items: { shape: 'StringList' }, Depth: { shape: 'Integer' } } },
      NestedList: { type: 'list', member: { shape: 'Nested', locationName: 'item' } },
      StringList: { type: 'list', member: { shape: 'String' } },
      NamedList: { type: 'list', member: { shape: 'String', locationName: 'Item' } },
      FlatList: { type: 'list', member: { shape: 'String' }, flattened: true },
      FlatNamedList: { type: 'list', member: { shape: 'String', locationName: 'Entry' }, flattened: true },
      StringMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
      FlatRenamedMap: { type: 'map', key: { shape: 'String', locationName: 'Name' }, value: { shape: 'Integer', locationName: 'Val' }, flattened: true },
      ConflictException: {
        type: 'structure', exception: true,
        members: { message: { shape: 'String' }, ResourceId: { shape: 'String' } },
        error: { code: 'Conflict', httpStatusCode: 409, senderFault: true },
      },
      String: { type: 'string' },
      Integer: { type: 'integer' },
      Long: { type: 'long' },
      Double: { type: 'double' },
      Boolean: { type: 'boolean' },
      Timestamp: { type: 'timestamp' },
      Blob: { type: 'blob' },
    },
  };
}

export function syntheticModel(protocol: ProtocolName): ServiceModel {
  return new ServiceModel(`synth-${protocol}`, syntheticTable(protocol));
}

/** A value for EchoInput/EchoOutput with special characters, unicode and every member set. */
export function syntheticValue(): Record<string, unknown> {
  return {
    Name: 'a+b c&d=e%f/g?h#i;j\'k"l<m>n',
    Renamed: 'ünïcödé ☃ 😀 日本',
    Wrapped: ['one', 'two two', ''],
    WrappedNamed: ['x', 'y'],
    Flat: ['f1', 'f2'],
    FlatNamed: ['e1'],
    Attrs: { 'key one': 'v1', 'k=2&': 'v&2' },
    FlatAttrs: { a: 1, b: -2 },
    Nested: { Inner: { Items: ['i1'], Depth: 2 }, Label: 'lbl' },
    NestedList: [{ Label: 'n1' }, { Inner: { Depth: 0 }, Label: 'n2' }],
    Count: -2147483648,
    Big: 9007199254740991,
    Ratio: 1.25e-7,
    Flag: false,
    When: new Date('2024-02-29T23:59:58.123Z'),
    WhenEpoch: new Date('2024-01-15T10:30:01Z'),
    Data: Buffer.from([0, 1, 2, 253, 254, 255]),
    Queried: 'q',
  };
}
