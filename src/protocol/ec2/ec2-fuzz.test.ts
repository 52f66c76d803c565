import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServiceModel } from '../../models/index.js';
import { fuzzCodec } from '../query/testing/fuzz.js';
import { syntheticModel } from '../query/testing/synthetic-model.js';
import { ec2Codec } from './index.js';

/** Fuzzing the ec2 parser with valid EC2 requests mutated thousands of ways (seeded). */
const EC2_SEEDS = [
  'Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-type&Filter.1.Value.1=m5.large&InstanceId.1=i-1&MaxResults=5&DryRun=true',
  'Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MinCount=1&MaxCount=2&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsda1&BlockDeviceMapping.1.Ebs.VolumeSize=8&SecurityGroupId.1=sg-1&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=k&TagSpecification.1.Tag.1.Value=v',
  'Action=ImportKeyPair&Version=2016-11-15&KeyName=k&PublicKeyMaterial=c3NoLXJzYSBBQUFB',
  'Action=CreateTags&Version=2016-11-15&ResourceId.1=i-1&ResourceId.2=vol-1&Tag.1.Key=Name&Tag.1.Value=web',
  'Action=AuthorizeSecurityGroupIngress&GroupId=sg-1&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8',
  'Action=ModifyInstanceAttribute&InstanceId=i-1&DisableApiTermination.Value=true&UserData.Value=AQID',
  'Action=DescribeSnapshots&OwnerId.1=self&RestorableBy.1=123456789012&MaxResults=1000&NextToken=abc',
];

test('ec2: 3000 malformed EC2 requests parse or fail with a 4xx AwsError', () => {
  const counts = fuzzCodec({ model: loadServiceModel('ec2'), codec: ec2Codec, seeds: EC2_SEEDS, cases: 3000, seed: 4004 });
  assert.ok(counts.parsed > 100 && counts.rejected > 100, JSON.stringify(counts));
});

test('ec2 rules on the synthetic model: 2000 malformed requests parse or fail with a 4xx AwsError', () => {
  const seeds = ['Action=Echo&Name=n&Wrapped.1=a&Flat.2=b&NestedList.1.Label=l&NestedList.1.Inner.Depth=1&QueryOnly=q&OtherName=o&Count=3&Flag=false&Data=AQID&When=2024-01-15T10%3A30%3A01Z'];
  const counts = fuzzCodec({ model: syntheticModel('ec2'), codec: ec2Codec, seeds, cases: 2000, seed: 5005 });
  assert.ok(counts.parsed > 100 && counts.rejected > 100, JSON.stringify(counts));
});
