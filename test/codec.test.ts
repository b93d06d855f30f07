import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmCodec, parseKeys } from '../infra/codec';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const person = { name: '张建国', idNumber: '430921196503122017', monthlyIncomeFen: 30000 };

test('payloads are ciphertext with the key id in metadata, and decode back', async () => {
  const codec = new AesGcmCodec(parseKeys(`k1:${k1}`, 'k1'));
  const plain = defaultPayloadConverter.toPayload(person);
  const [enc] = await codec.encode([plain]);
  expect(Buffer.from(enc.metadata!.encoding!).toString()).toBe('binary/encrypted');
  expect(Buffer.from(enc.metadata!['encryption-key-id']!).toString()).toBe('k1');
  const raw = Buffer.from(enc.data!).toString('latin1');
  expect(raw).not.toContain(person.idNumber);
  expect(Buffer.from(enc.data!).includes(Buffer.from('张建国'))).toBe(false);
  const [dec] = await codec.decode([enc]);
  expect(defaultPayloadConverter.fromPayload(dec)).toEqual(person);
});

test('after rotation old payloads still decode; new ones use the new key', async () => {
  const old = new AesGcmCodec(parseKeys(`k1:${k1}`, 'k1'));
  const rotated = new AesGcmCodec(parseKeys(`k1:${k1},k2:${k2}`, 'k2'));
  const [before] = await old.encode([defaultPayloadConverter.toPayload(person)]);
  const [after] = await rotated.encode([defaultPayloadConverter.toPayload(person)]);
  expect(Buffer.from(after.metadata!['encryption-key-id']!).toString()).toBe('k2');
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([before]))[0])).toEqual(person);
  await expect(old.decode([after])).rejects.toThrow(/unknown key "k2"/);
});

test('tampered ciphertext is refused; unencrypted payloads pass through', async () => {
  const codec = new AesGcmCodec(parseKeys(`k1:${k1}`, 'k1'));
  const [enc] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
  const data = Buffer.from(enc.data!);
  data[20] ^= 1;
  await expect(codec.decode([{ ...enc, data: new Uint8Array(data) }])).rejects.toThrow();
  const plain = defaultPayloadConverter.toPayload('公开');
  expect(await codec.decode([plain])).toEqual([plain]);
});

test('keys must be 32 bytes and the active key must exist', () => {
  expect(() => parseKeys(`k1:${randomBytes(16).toString('base64')}`, 'k1')).toThrow(/32 bytes/);
  expect(() => parseKeys(`k1:${k1}`, 'k9')).toThrow(/not among/);
});
