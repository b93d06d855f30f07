import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmCodec, parseKeys } from '../infra/codec';
import { bindingForWorkflow } from '../infra/payload-binding';

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

describe('payloads bound to their case', () => {
  const codec = new AesGcmCodec(parseKeys(`k1:${k1}`, 'k1'));
  const caseA = 'DB-430921101-2026-000123';
  const wf = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
  const act = (workflowId: string) => ({ type: 'activity' as const, namespace: 'default', workflowId, activityId: '1', isLocal: false });
  const meta = (p: { metadata?: Record<string, Uint8Array | null> | null }, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();
  const setMeta = (p: any, k: string, v: string) => ({ ...p, metadata: { ...p.metadata, [k]: new TextEncoder().encode(v) } });

  test('workflow ids name the case and township, the area of a payroll run, or nothing (system)', () => {
    expect(bindingForWorkflow(caseA)).toEqual({ scope: 'case', caseId: caseA, area: '430921101', workflowId: caseA });
    expect(bindingForWorkflow(`JN-430921102-2026-000007-YSYY`)).toMatchObject({
      scope: 'case',
      caseId: 'JN-430921102-2026-000007',
      area: '430921102',
    });
    expect(bindingForWorkflow('payroll-2026-05-430921')).toEqual({ scope: 'area', area: '430921', workflowId: 'payroll-2026-05-430921' });
    expect(bindingForWorkflow('aidflow-monthly-payroll-2026-06-01T02:00:00Z')).toMatchObject({ scope: 'system' });
    expect(bindingForWorkflow('DB-430921101-2026-000123x')).toMatchObject({ scope: 'system' });
    expect(bindingForWorkflow(undefined)).toEqual({ scope: 'system' });
  });

  test('a case payload carries its case id and township and reads back in that case, its children and activities', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(person)], act(caseA));
    expect(meta(enc, 'aidflow-scope')).toBe('case');
    expect(meta(enc, 'aidflow-case-id')).toBe(caseA);
    expect(meta(enc, 'aidflow-area')).toBe('430921101');
    for (const reader of [wf(caseA), act(caseA), wf(`${caseA}-YSYY`), undefined]) {
      expect(defaultPayloadConverter.fromPayload((await codec.decode([enc], reader))[0])).toEqual(person);
    }
  });

  test("a payload copied into another case (or another area's payroll) does not decode there", async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(person)], wf(caseA));
    await expect(codec.decode([enc], wf('DB-430921101-2026-000124'))).rejects.toThrow(/bound to case DB-430921101-2026-000123/);
    await expect(codec.decode([enc], act('DB-610112001-2026-000123'))).rejects.toThrow(/cannot be read/);
    await expect(codec.decode([enc], wf('payroll-2026-05-430921'))).rejects.toThrow(/cannot be read/);
    const [pay] = await codec.encode([defaultPayloadConverter.toPayload(person)], wf('payroll-2026-05-430921'));
    await expect(codec.decode([pay], wf('payroll-2026-05-430922'))).rejects.toThrow(/bound to area 430921/);
    expect(await codec.decode([pay], wf('payroll-2026-06-430921'))).toHaveLength(1);
  });

  test('edited binding metadata, or a binding stripped off, fails authentication', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(person)], wf(caseA));
    // Claiming another case of the same township: well-formed, but not what was authenticated.
    const moved = setMeta(setMeta(enc, 'aidflow-case-id', 'DB-430921101-2026-000999'), 'aidflow-workflow-id', 'DB-430921101-2026-000999');
    await expect(codec.decode([moved])).rejects.toThrow(/authenticate/);
    await expect(codec.decode([setMeta(enc, 'aidflow-area', '610112001')])).rejects.toThrow(/malformed/);
    const stripped = { ...enc, metadata: Object.fromEntries(Object.entries(enc.metadata!).filter(([k]) => !k.startsWith('aidflow-'))) };
    await expect(codec.decode([stripped])).rejects.toThrow(/authenticate/);
    await expect(codec.decode([setMeta(enc, 'aidflow-scope', 'system')])).rejects.toThrow();
  });

  test('without a case in the context the payload is system-scoped; the system reads every scope', async () => {
    const [sys] = await codec.encode([defaultPayloadConverter.toPayload({ period: '2026-05' })]);
    expect(meta(sys, 'aidflow-scope')).toBe('system');
    expect(meta(sys, 'aidflow-case-id')).toBe('');
    expect(await codec.decode([sys], wf(caseA))).toHaveLength(1);
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload(person)], wf(caseA));
    expect(await codec.decode([enc], wf('replay-of-a-file.json'))).toHaveLength(1);
  });

  test('payloads written before bindings existed still decode (recorded histories replay)', async () => {
    // The codec as it was: AES-256-GCM without additional data, key id only.
    const { createCipheriv } = await import('node:crypto');
    const { temporal } = await import('@temporalio/proto');
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(k1, 'base64'), iv);
    const body = Buffer.concat([
      c.update(temporal.api.common.v1.Payload.encode(defaultPayloadConverter.toPayload(person)).finish()),
      c.final(),
    ]);
    const legacy = {
      metadata: { encoding: Buffer.from('binary/encrypted'), 'encryption-key-id': Buffer.from('k1') },
      data: Buffer.concat([iv, body, c.getAuthTag()]),
    };
    expect(defaultPayloadConverter.fromPayload((await codec.decode([legacy], wf(caseA)))[0])).toEqual(person);
  });
});
