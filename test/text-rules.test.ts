// The text rule and the ID-number rule as pure functions and zod schemas: no server, no database.
import { ApplicationFailure } from '@temporalio/common';
import { failFastOnPermanentDbErrors, isPermanentDbError } from '../activities/permanent-errors';
import { democraticReviewBody, homeVisitBody, terminationObjectionBody, assignmentBody } from '../api/schemas';
import { applicationSchema, idNumberProblem, isValidIdNumber } from '../domain/application';
import { temporaryAidSchema } from '../domain/temporary';
import { findTextFault, TEXT_LIMITS, textProblem } from '../domain/text';
import { personName, text } from '../domain/text-fields';
import { dibaoApplication, emergencyAid, homeVisit, IDS } from './support/fixtures';

/** GB 11643 check character, computed here independently of the code under test. */
function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('textProblem', () => {
  test.each([
    ['NUL', 'a\u0000b'],
    ['SOH', '\u0001'],
    ['vertical tab', 'x\u000By'],
    ['ESC', '\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['C1 NEL', 'a\u0085b'],
    ['C1 CSI', '\u009b'],
    ['a lone CR', 'line\rline'],
  ])('refuses %s', (_n, s) => expect(textProblem(s)).toMatch(/control character/));

  test('names the code point and the position', () => {
    expect(textProblem('张三\u0000')).toBe(
      'contains a control character (控制字符) U+0000 at position 3; only newline and tab are allowed',
    );
  });

  test.each([
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
    ['a high surrogate at the end', 'x\udbff'],
    ['two highs', '\ud800\ud800\udc00'],
  ])('refuses %s', (_n, s) => expect(textProblem(s)).toMatch(/unpaired surrogate/));

  test('accepts Chinese text, emoji (a proper pair), newline, CRLF and tab in free text', () => {
    expect(textProblem('家中无大额财产😀\n第二行\r\n\t第三行')).toBeNull();
  });

  test('single-line fields refuse newline and tab too', () => {
    expect(textProblem('张\n三', 'single-line')).toMatch(/U\+000A/);
    expect(textProblem('张\t三', 'single-line')).toMatch(/U\+0009/);
    expect(textProblem('欧阳 娜娜·依力', 'single-line')).toBeNull();
  });
});

describe('findTextFault', () => {
  test('finds the first bad string anywhere and gives its dotted path', () => {
    expect(findTextFault({ a: [{ b: 'ok' }, { b: 'x\u0000' }] })).toEqual({ path: 'a.1.b', message: expect.stringContaining('U+0000') });
    expect(findTextFault({ ok: 1, list: ['fine', '\ud800'] })?.path).toBe('list.1');
  });
  test('checks object keys and lengths', () => {
    expect(findTextFault({ ['k\u0000']: 1 })?.message).toMatch(/^field name contains/);
    expect(findTextFault({ t: 'x'.repeat(11) }, 10)).toEqual({ path: 't', message: 'is 11 characters long; at most 10 are allowed' });
    expect(findTextFault({ t: 'x'.repeat(10), n: null, b: true, d: [1, 2] }, 10)).toBeNull();
  });
});

describe('field builders', () => {
  test('trim, refuse empty, refuse overlong with the limit in the message', () => {
    expect(text(5).parse('  abc ')).toBe('abc');
    expect(text(5).safeParse('   ').error?.issues[0].message).toContain('不能为空');
    expect(text(5).safeParse('abcdef').error?.issues[0].message).toBe('at most 5 characters (最多5个字)');
    expect(personName().safeParse('x'.repeat(TEXT_LIMITS.name + 1)).success).toBe(false);
  });
});

describe('request schemas refuse bad text and name the field', () => {
  test('acceptance: names, address, village, household number, staff relation, materials', () => {
    const app = dibaoApplication();
    app.members[0].name = '张\u0000建国';
    app.members[2].name = '张小\ud800';
    app.household.address = 'x'.repeat(TEXT_LIMITS.address + 1);
    app.household.village = '北洲子村\n'; // trailing whitespace is trimmed: accepted
    app.household.householdId = 'HH\u001b1';
    app.materials = ['application_form\u0085'] as any;
    app.staffRelation = { staffId: 's1', staffName: '李\u007f', staffRole: 'village_cadre', relation: '亲属' };
    const r = applicationSchema.safeParse(app);
    expect(paths(r).sort()).toEqual([
      'household.address',
      'household.householdId',
      'materials.0',
      'members.0.name',
      'members.2.name',
      'staffRelation.staffName',
    ]);
  });

  test('steps: home-visit findings and investigators, review minutes, termination reasons, assignment clerk', () => {
    expect(
      paths(
        homeVisitBody.safeParse({ ...homeVisit({ visitedOn: '2026-03-02' }), findings: '无\u0000', investigators: ['王芳', '刘\ud83d'] }),
      ).sort(),
    ).toEqual(['findings', 'investigators.1']);
    expect(
      paths(
        democraticReviewBody.safeParse({
          heldOn: '2026-03-02',
          participants: 5,
          outcome: 'support',
          minutes: 'm'.repeat(TEXT_LIMITS.minutes + 1),
        }),
      ),
    ).toEqual(['minutes']);
    expect(paths(terminationObjectionBody.safeParse({ objector: '张三', reason: '理由\u0000' }))).toEqual(['reason']);
    expect(paths(assignmentBody.safeParse({ clerkId: 'clerk\u0000-2', reason: 'ok' }))).toEqual(['clerkId']);
  });

  test('temporary aid: incident text and recipient name', () => {
    const aid = emergencyAid();
    aid.incident!.what = '失火\u0000';
    aid.recipient.name = '\udfff';
    expect(paths(temporaryAidSchema.safeParse(aid)).sort()).toEqual(['incident.what', 'recipient.name']);
  });
});

describe('resident ID numbers (GB 11643)', () => {
  const today = '2026-04-30';

  test('the fixtures are valid', () => {
    for (const id of Object.values(IDS)) expect(idNumberProblem(id, today)).toBeNull();
  });

  test('region: a real province and a non-zero county part', () => {
    expect(idNumberProblem(withCheck('00000019650312201'), today)).toMatch(/region 000000/);
    expect(idNumberProblem(withCheck('99092119650312201'), today)).toMatch(/region 990921/);
    expect(idNumberProblem(withCheck('43000019650312201'), today)).toMatch(/region 430000/);
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(idNumberProblem(withCheck(`${p}010219650312201`), today)).toBeNull();
    }
    for (const p of ['10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '70', '72', '80', '83', '91']) {
      expect(idNumberProblem(withCheck(`${p}010219650312201`), today)).toMatch(/region/);
    }
  });

  test('a birth date that exists, not before 1900', () => {
    expect(idNumberProblem(withCheck('43092120260230201'), today)).toMatch(/2026-02-30 does not exist/);
    expect(idNumberProblem(withCheck('43092118000101201'), today)).toMatch(/before 1900/);
    expect(idNumberProblem(withCheck('43092118991231201'), today)).toMatch(/before 1900/);
    expect(idNumberProblem(withCheck('43092119000101201'), today)).toBeNull();
    expect(idNumberProblem(withCheck('43092120000229201'), today)).toBeNull();
  });

  test('not in the future of the injected today', () => {
    const born = withCheck('43092120260501201');
    expect(idNumberProblem(born, '2026-04-30')).toMatch(/2026-05-01 is in the future/);
    expect(idNumberProblem(born, '2026-05-01')).toBeNull();
    expect(idNumberProblem(withCheck('43092120900101201'), today)).toMatch(/future/);
    expect(isValidIdNumber(withCheck('43092120900101201'), '2099-01-01')).toBe(true);
  });

  test('the check character', () => {
    const good = withCheck('43092119650312201');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idNumberProblem(bad, today)).toMatch(/check character/);
  });
});

describe('activities fail fast on a database refusal no retry can cure', () => {
  const pgError = (code: string) => Object.assign(new Error(`pg says ${code}`), { code, detail: 'Key (name)=(张三) secret' });

  test('classes 22 and 23 only', () => {
    for (const c of ['22021', '22P05', '22P02', '22001', '23505', '23514', '23503']) expect(isPermanentDbError(pgError(c))).toBe(true);
    for (const c of ['08006', '40001', '57P01', '53300', '42P01', 'XX000']) expect(isPermanentDbError(pgError(c))).toBe(false);
    expect(isPermanentDbError(new Error('audit chain gap'))).toBe(false);
  });

  test('the wrapper turns them into a non-retryable UnstorableData failure without the detail', async () => {
    const acts = failFastOnPermanentDbErrors({
      a: async () => {
        throw pgError('22021');
      },
      b: async () => {
        throw pgError('08006');
      },
      c: async (x: number) => x + 1,
    });
    const err = await acts.a().catch((e) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'UnstorableData', nonRetryable: true });
    expect(err.message).toContain('SQLSTATE 22021');
    expect(err.message).not.toContain('张三');
    expect(await acts.b().catch((e) => e)).toMatchObject({ code: '08006' });
    expect(await acts.c(1)).toBe(2);
  });
});
