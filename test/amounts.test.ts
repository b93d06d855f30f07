import { ageOn, assess, formatYuan, tekunStandard } from '../domain/amounts';
import { Application, applicationSchema, birthDateOf, isValidIdNumber, maskIdNumber, Member } from '../domain/application';
import type { AppealRights } from '../domain/case';
import { MATERIALS, missingMaterials, missingMaterialsNotice } from '../domain/materials';
import { maskName, publicNoticeText, rejectionNoticeText } from '../domain/notices';
import type { PolicyProfile } from '../domain/policy';
import { findProfile } from '../domain/profiles';
import { dibaoApplication, IDS } from './support/fixtures';

function profile(id: string): PolicyProfile {
  const p = findProfile(id);
  if (!p) throw new Error(`profile ${id} missing`);
  return p;
}

const hunan = profile('hunan-datonghu-2021');
const national = profile('national-2021');

// Hand-computed check characters (GB 11643, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, table 10X98765432):
// 43092119860312201? → weighted sum 262, 262 mod 11 = 9 → '3'.
const ID_1986 = '430921198603122013';
// 43092119650312205? → weighted sum 255, 255 mod 11 = 2 → 'X'.
const ID_WITH_X = '43092119650312205X';
// 43092119651312201? (month 13) → weighted sum 254, 254 mod 11 = 1 → '0': right check character, impossible date.
const ID_MONTH_13 = '430921196513122010';

function member(over: Partial<Member> & Pick<Member, 'name' | 'idNumber'>): Member {
  return { relation: 'applicant', monthlyIncomeFen: 0, ableBodied: false, disability: null, seriousIllness: null, ...over };
}

/** Issues of a failed parse, as path strings, e.g. "members.2.idNumber". */
function issuePaths(input: unknown): string[] {
  const r = applicationSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => i.path.join('.'));
}

describe('isValidIdNumber', () => {
  it.each([
    ['430921196503122017'],
    ['430921196811052022'],
    ['430921201007012031'],
    ['430921194002152040'],
    ['610112195001013012'],
    [ID_1986],
    [ID_WITH_X],
  ])('accepts %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('rejects a changed check character', () => {
    expect(isValidIdNumber('430921196503122018')).toBe(false);
    expect(isValidIdNumber('43092119650312201X')).toBe(false);
    expect(isValidIdNumber('430921198603122014')).toBe(false);
  });

  it('rejects a changed body digit (check character no longer matches)', () => {
    expect(isValidIdNumber('430921196503122117')).toBe(false);
  });

  it('rejects an impossible birth date even with a matching check character', () => {
    expect(isValidIdNumber(ID_MONTH_13)).toBe(false);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidIdNumber('43092119650312201')).toBe(false); // 17
    expect(isValidIdNumber('4309211965031220170')).toBe(false); // 19
    expect(isValidIdNumber('430921650312201')).toBe(false); // old 15-digit format
    expect(isValidIdNumber('43092119650312A017')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('is case-sensitive on its own: a lowercase x is rejected (the schema upper-cases first)', () => {
    expect(isValidIdNumber('43092119650312205x')).toBe(false);
  });

  it('birthDateOf reads positions 7-14', () => {
    expect(birthDateOf('430921196503122017')).toBe('1965-03-12');
    expect(birthDateOf('430921201007012031')).toBe('2010-07-01');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and last four characters', () => {
    expect(maskIdNumber('430921196503122017')).toBe('4309**********2017');
    expect(maskIdNumber(ID_WITH_X)).toBe('4309**********205X');
  });

  it('masks short input entirely', () => {
    expect(maskIdNumber('1234567')).toBe('****');
  });
});

describe('applicationSchema', () => {
  it('parses the fixture application', () => {
    const r = applicationSchema.safeParse(dibaoApplication());
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.members).toHaveLength(3);
    expect(r.data.members[1].disability).toEqual({ grade: 2, kind: 'physical' });
  });

  it('fills defaults for approvalLevel, materials and member flags', () => {
    const { approvalLevel, materials, ...raw } = dibaoApplication();
    const rawMembers = raw.members.map(({ ableBodied, disability, seriousIllness, ...m }) => m);
    const r = applicationSchema.parse({ ...raw, members: rawMembers });
    expect(approvalLevel).toBe('county'); // fixture value, removed above
    expect(materials.length).toBeGreaterThan(0);
    expect(r.approvalLevel).toBe('county');
    expect(r.materials).toEqual([]);
    expect(r.members[0]).toMatchObject({ ableBodied: false, disability: null, seriousIllness: null });
  });

  it('upper-cases a lowercase x check character and trims', () => {
    const app = dibaoApplication();
    app.members[0] = { ...app.members[0], idNumber: ' 43092119650312205x ' };
    const r = applicationSchema.parse(app);
    expect(r.members[0].idNumber).toBe('43092119650312205X');
  });

  it('rejects two applicants', () => {
    const app = dibaoApplication();
    app.members[1] = { ...app.members[1], relation: 'applicant' };
    expect(issuePaths(app)).toEqual(['members']);
  });

  it('rejects a household with no applicant', () => {
    const app = dibaoApplication();
    app.members[0] = { ...app.members[0], relation: 'other' };
    expect(issuePaths(app)).toEqual(['members']);
  });

  it('rejects duplicate ID numbers, pointing at the second occurrence', () => {
    const app = dibaoApplication();
    app.members[2] = { ...app.members[2], idNumber: IDS.father };
    expect(issuePaths(app)).toEqual(['members.2.idNumber']);
  });

  it('treats a lowercase duplicate as the same ID number', () => {
    const app = dibaoApplication();
    app.members[1] = { ...app.members[1], idNumber: ID_WITH_X };
    app.members[2] = { ...app.members[2], idNumber: ID_WITH_X.toLowerCase() };
    expect(issuePaths(app)).toEqual(['members.2.idNumber']);
  });

  it('rejects an invalid ID number at the member field', () => {
    const app = dibaoApplication();
    app.members[1] = { ...app.members[1], idNumber: '430921196811052023' };
    expect(issuePaths(app)).toEqual(['members.1.idNumber']);
  });

  it.each([['43092110'], ['4309211011'], ['43092110A'], ['']])('rejects township code %j', (township) => {
    expect(issuePaths({ ...dibaoApplication(), township })).toEqual(['township']);
  });

  it.each([[-1], [100.5], [0.01]])('rejects monthly income %p fen (fen are non-negative integers)', (income) => {
    const app = dibaoApplication();
    app.members[0] = { ...app.members[0], monthlyIncomeFen: income };
    expect(issuePaths(app)).toEqual(['members.0.monthlyIncomeFen']);
  });

  it('rejects disability grade 5', () => {
    const app = dibaoApplication();
    app.members[1] = { ...app.members[1], disability: { grade: 5, kind: 'physical' } };
    expect(issuePaths(app)).toEqual(['members.1.disability.grade']);
  });

  it('dibao_single needs singlePersonIdNumber naming a member', () => {
    expect(issuePaths(dibaoApplication({ program: 'dibao_single' }))).toEqual(['singlePersonIdNumber']);
    expect(issuePaths(dibaoApplication({ program: 'dibao_single', singlePersonIdNumber: IDS.elder }))).toEqual(['singlePersonIdNumber']);
    expect(issuePaths(dibaoApplication({ program: 'dibao_single', singlePersonIdNumber: IDS.mother }))).toEqual([]);
  });

  it('a plain dibao application does not need singlePersonIdNumber', () => {
    expect(issuePaths(dibaoApplication({ program: 'dibao' }))).toEqual([]);
  });
});

describe('assess with hunan-datonghu-2021', () => {
  it('profile standards used below', () => {
    expect(hunan.standards.dibaoMonthlyFen.rural.value).toBe(45000);
    expect(hunan.standards.dibaoMonthlyFen.urban.value).toBe(60000);
    expect(hunan.standards.tekunMultiplier.value).toBe(1.3);
    expect(hunan.tekun.minorAgeBelow.value).toBe(18);
  });

  describe('dibao 差额', () => {
    it('rural: 45000 × 3 − (30000 + 0 + 0) = 105000 fen', () => {
      const r = assess(dibaoApplication(), hunan, '2026-03-01');
      expect(r.eligible).toBe(true);
      expect(r.reasons).toEqual([]);
      expect(r.monthlyAmountFen).toBe(105000);
      expect(r.standardFen).toBe(45000);
      expect(r.perCapitaIncomeFen).toBe(10000); // 30000 / 3
    });

    it('urban: 60000 × 3 − 30000 = 150000 fen', () => {
      const app = dibaoApplication();
      app.household = { ...app.household, area: 'urban' };
      expect(assess(app, hunan, '2026-03-01').monthlyAmountFen).toBe(150000);
    });

    it('uneven incomes: 45000 × 3 − (20000 + 10001 + 0) = 104999, per-capita floored to 10000', () => {
      const app = dibaoApplication();
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 20000 };
      app.members[1] = { ...app.members[1], monthlyIncomeFen: 10001 };
      const r = assess(app, hunan, '2026-03-01');
      expect(r.monthlyAmountFen).toBe(104999);
      expect(r.perCapitaIncomeFen).toBe(10000); // 30001 / 3 = 10000.33
    });

    it('a household above the standard is ineligible with amount 0', () => {
      const app = dibaoApplication();
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 140000 }; // 140000 > 45000 × 3 = 135000
      const r = assess(app, hunan, '2026-03-01');
      expect(r.eligible).toBe(false);
      expect(r.monthlyAmountFen).toBe(0);
      expect(r.reasons.length).toBeGreaterThan(0);
    });

    it('per-capita income exactly at the standard is ineligible', () => {
      const app = dibaoApplication();
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 135000 }; // 135000 / 3 = 45000
      const r = assess(app, hunan, '2026-03-01');
      expect(r.eligible).toBe(false);
      expect(r.monthlyAmountFen).toBe(0);
    });

    it('one fen below the standard pays one fen', () => {
      const app = dibaoApplication();
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 134999 };
      expect(assess(app, hunan, '2026-03-01')).toMatchObject({ eligible: true, monthlyAmountFen: 1 });
    });
  });

  describe('dibao_single (单人户)', () => {
    // Household incomes 30000 + 5000 + 0 = 35000, per-capita 11666 < 1.5 × 45000 = 67500.
    function single(target: string, change: Partial<Member> = {}): Application {
      const app = dibaoApplication({ program: 'dibao_single', singlePersonIdNumber: target });
      app.members = app.members.map((m) => (m.idNumber === target ? { ...m, monthlyIncomeFen: 5000, ...change } : m));
      return app;
    }

    it('grade-2 physically disabled member qualifies: 45000 − 5000 own income = 40000', () => {
      const r = assess(single(IDS.mother), hunan, '2026-03-01');
      expect(r.reasons).toEqual([]);
      expect(r.eligible).toBe(true);
      expect(r.monthlyAmountFen).toBe(40000);
    });

    it('a member with no disability or listed illness does not qualify', () => {
      const r = assess(single(IDS.child), hunan, '2026-03-01');
      expect(r.eligible).toBe(false);
      expect(r.monthlyAmountFen).toBe(0);
      expect(r.reasons).toHaveLength(1);
    });

    it('grade-3 intellectual qualifies, grade-3 physical does not', () => {
      expect(assess(single(IDS.mother, { disability: { grade: 3, kind: 'intellectual' } }), hunan, '2026-03-01')).toMatchObject({
        eligible: true,
        monthlyAmountFen: 40000,
      });
      expect(assess(single(IDS.mother, { disability: { grade: 3, kind: 'mental' } }), hunan, '2026-03-01').eligible).toBe(true);
      expect(assess(single(IDS.mother, { disability: { grade: 3, kind: 'physical' } }), hunan, '2026-03-01')).toMatchObject({
        eligible: false,
        monthlyAmountFen: 0,
      });
      expect(assess(single(IDS.mother, { disability: { grade: 4, kind: 'intellectual' } }), hunan, '2026-03-01').eligible).toBe(false);
    });

    it('a listed serious illness qualifies, an unlisted one does not', () => {
      expect(assess(single(IDS.child, { seriousIllness: '儿童白血病' }), hunan, '2026-03-01')).toMatchObject({
        eligible: true,
        monthlyAmountFen: 40000,
      });
      expect(assess(single(IDS.child, { seriousIllness: '高血压' }), hunan, '2026-03-01').eligible).toBe(false);
    });

    it('household per-capita income at 1.5 × standard (67500) or more disqualifies', () => {
      const app = single(IDS.mother);
      // 197500 + 5000 + 0 = 202500; 202500 / 3 = 67500.
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 197500 };
      expect(assess(app, hunan, '2026-03-01')).toMatchObject({ eligible: false, monthlyAmountFen: 0 });
      // One fen less: 202499 / 3 = 67499.67 → floored 67499 < 67500.
      app.members[0] = { ...app.members[0], monthlyIncomeFen: 197499 };
      expect(assess(app, hunan, '2026-03-01')).toMatchObject({ eligible: true, monthlyAmountFen: 40000 });
    });

    it('own income at the standard disqualifies', () => {
      const r = assess(single(IDS.mother, { monthlyIncomeFen: 45000 }), hunan, '2026-03-01');
      expect(r).toMatchObject({ eligible: false, monthlyAmountFen: 0 });
    });
  });

  describe('tekun (特困)', () => {
    function tekun(members: Member[]): Application {
      return dibaoApplication({ program: 'tekun', members });
    }
    const elder = member({ name: '王老汉', idNumber: IDS.elder }); // born 1940-02-15

    it('standard is ceil(1.3 × 45000) = 58500 rural, ceil(1.3 × 60000) = 78000 urban', () => {
      const app = tekun([elder]);
      expect(tekunStandard(app, hunan)).toBe(58500);
      expect(tekunStandard({ ...app, household: { ...app.household, area: 'urban' } }, hunan)).toBe(78000);
    });

    it('a person aged 60+ qualifies at 58500 fen per month', () => {
      const r = assess(tekun([elder]), hunan, '2026-03-01');
      expect(r.reasons).toEqual([]);
      expect(r).toMatchObject({ eligible: true, monthlyAmountFen: 58500, standardFen: 58500 });
    });

    it('two qualifying people: 58500 × 2 = 117000', () => {
      const child = member({ name: '张小明', idNumber: IDS.child, relation: 'grandchild' });
      expect(assess(tekun([elder, child]), hunan, '2026-03-01')).toMatchObject({ eligible: true, monthlyAmountFen: 117000 });
    });

    it('a 40-year-old able-bodied person does not qualify', () => {
      const adult = member({ name: '赵强', idNumber: ID_1986, ableBodied: true }); // born 1986-03-12
      expect(ageOn(adult, '2026-06-01')).toBe(40);
      const r = assess(tekun([adult]), hunan, '2026-06-01');
      expect(r).toMatchObject({ eligible: false, monthlyAmountFen: 0 });
      expect(r.reasons).toHaveLength(1);
      expect(r.reasons[0]).toContain('赵强');
    });

    it('a 40-year-old with a grade-1 disability qualifies', () => {
      const adult = member({ name: '赵强', idNumber: ID_1986, disability: { grade: 1, kind: 'visual' } });
      expect(assess(tekun([adult]), hunan, '2026-06-01').eligible).toBe(true);
    });

    it('a minor aged 16-17 qualifies under Hunan (under 18) but not the national 2021 rule (under 16)', () => {
      const minor = member({ name: '张小明', idNumber: IDS.child }); // born 2010-07-01
      expect(ageOn(minor, '2027-03-01')).toBe(16);
      expect(assess(tekun([minor]), hunan, '2027-03-01')).toMatchObject({ eligible: true, monthlyAmountFen: 58500 });
      expect(national.tekun.minorAgeBelow.value).toBe(16);
      expect(assess(tekun([minor]), national, '2027-03-01').eligible).toBe(false);
    });

    it('the minor stops qualifying on the 18th birthday', () => {
      const minor = member({ name: '张小明', idNumber: IDS.child }); // born 2010-07-01
      expect(assess(tekun([minor]), hunan, '2028-06-30').eligible).toBe(true); // 17
      expect(assess(tekun([minor]), hunan, '2028-07-01').eligible).toBe(false); // 18
    });

    it('the elderly threshold is reached on the 60th birthday', () => {
      const p = member({ name: '张建国', idNumber: IDS.father, ableBodied: true }); // born 1965-03-12
      expect(assess(tekun([p]), hunan, '2025-03-11').eligible).toBe(false); // 59
      expect(assess(tekun([p]), hunan, '2025-03-12')).toMatchObject({ eligible: true, monthlyAmountFen: 58500 }); // 60
    });

    it('own income at the 低保 standard (45000) disqualifies', () => {
      const rich = member({ name: '王老汉', idNumber: IDS.elder, monthlyIncomeFen: 45000 });
      expect(assess(tekun([rich]), hunan, '2026-03-01')).toMatchObject({ eligible: false, monthlyAmountFen: 0 });
      const poor = member({ name: '王老汉', idNumber: IDS.elder, monthlyIncomeFen: 44999 });
      expect(assess(tekun([poor]), hunan, '2026-03-01').eligible).toBe(true);
    });
  });

  describe('ageOn', () => {
    const p = member({ name: '王老汉', idNumber: IDS.elder }); // born 1940-02-15
    it('turns a year older on the birthday, not the day before', () => {
      expect(ageOn(p, '2000-02-14')).toBe(59);
      expect(ageOn(p, '2000-02-15')).toBe(60);
      expect(ageOn(p, '2000-02-16')).toBe(60);
      expect(ageOn(p, '2026-03-01')).toBe(86);
      expect(ageOn(p, '1941-02-14')).toBe(0);
    });
  });
});

describe('formatYuan', () => {
  it('shows yuan with two decimals', () => {
    expect(formatYuan(105000)).toBe('1050.00元');
    expect(formatYuan(58505)).toBe('585.05元');
    expect(formatYuan(1)).toBe('0.01元');
    expect(formatYuan(0)).toBe('0.00元');
  });
});

describe('missing materials (一次性告知)', () => {
  const base = ['application_form', 'id_documents', 'household_register', 'economic_statement', 'data_check_authorization'];

  it('a complete fixture file misses nothing', () => {
    expect(missingMaterials(dibaoApplication())).toEqual([]);
  });

  it('lists every missing item at once, including the disability certificate for a disabled member', () => {
    const missing = missingMaterials(dibaoApplication({ materials: [] }));
    expect(missing.map((m) => m.code)).toEqual([...base, 'disability_certificate']);
    expect(missing[0]).toEqual({ code: 'application_form', name: '救助申请书', why: '所有申请' });
    expect(missing[5].name).toBe('残疾人证');
  });

  it('lists only what is missing when some materials were handed in', () => {
    const missing = missingMaterials(dibaoApplication({ materials: ['application_form', 'household_register', 'disability_certificate'] }));
    expect(missing.map((m) => m.code)).toEqual(['id_documents', 'economic_statement', 'data_check_authorization']);
  });

  it('no disability certificate without a disabled member', () => {
    const app = dibaoApplication({ materials: [] });
    app.members = app.members.map((m) => ({ ...m, disability: null }));
    expect(missingMaterials(app).map((m) => m.code)).toEqual(base);
  });

  it('diagnosis certificate only for a declared serious illness', () => {
    const app = dibaoApplication({ materials: [] });
    app.members = app.members.map((m) => ({ ...m, disability: null }));
    app.members[2] = { ...app.members[2], seriousIllness: '儿童白血病' };
    expect(missingMaterials(app).map((m) => m.code)).toEqual([...base, 'diagnosis_certificate']);
  });

  it('disability and serious illness together need both certificates', () => {
    const app = dibaoApplication({ materials: [] });
    app.members[2] = { ...app.members[2], seriousIllness: '儿童白血病' };
    expect(missingMaterials(app).map((m) => m.code)).toEqual([...base, 'disability_certificate', 'diagnosis_certificate']);
  });

  it('dibao_single asks for certificates of the single person only', () => {
    // The mother (grade-2 disability) is in the household, but the child applies alone with an illness.
    const app = dibaoApplication({ program: 'dibao_single', singlePersonIdNumber: IDS.child, materials: [] });
    app.members[2] = { ...app.members[2], seriousIllness: '儿童白血病' };
    expect(missingMaterials(app).map((m) => m.code)).toEqual([...base, 'diagnosis_certificate']);
  });

  it('the notice is Chinese text numbering each missing item', () => {
    const text = missingMaterialsNotice(missingMaterials(dibaoApplication({ materials: [] })));
    const lines = text.split('\n');
    expect(lines[0]).toContain('一次性告知');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe('1. 救助申请书（所有申请）');
    expect(lines[2]).toBe('2. 家庭成员身份证件（所有申请）');
    expect(lines[5]).toBe('5. 家庭经济状况核对授权书（家庭经济状况核对需本人授权）');
    expect(lines[6]).toBe('6. 残疾人证（申报了残疾情况）');
    expect(MATERIALS.application_form).toBe('救助申请书');
  });
});

describe('notices', () => {
  it('maskName keeps the surname', () => {
    expect(maskName('张建国')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳小明')).toBe('欧**');
    expect(maskName('王')).toBe('王');
  });

  describe('publicNoticeText', () => {
    const app = dibaoApplication();
    app.members[1] = { ...app.members[1], seriousIllness: '恶性肿瘤' };
    const { title, body } = publicNoticeText({
      caseId: 'CASE-A1',
      app,
      round: 1,
      startsOn: '2026-03-02',
      endsOn: '2026-03-08',
      monthlyAmountFen: 105000,
    });
    const text = `${title}\n${body}`;

    it('masks the given name of the applicant and names no other member', () => {
      expect(body).toContain('张**');
      expect(text).not.toContain('张建国');
      expect(text).not.toContain('建国');
      expect(text).not.toContain('李秀英');
      expect(text).not.toContain('张小明');
    });

    it('shows no ID number, in full or in part, and no illness', () => {
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toMatch(/\d{18}/);
      expect(text).not.toContain('430921');
      expect(text).not.toContain('2017');
      expect(text).not.toContain('恶性肿瘤');
    });

    it('includes the notice period, village, household size and the amount in yuan', () => {
      expect(body).toContain('2026-03-02');
      expect(body).toContain('2026-03-08');
      expect(body).toContain('北洲子村');
      expect(body).toContain('3人');
      expect(body).toContain('1050.00元');
      expect(title).toContain('第1次');
      expect(title).toContain('最低生活保障');
    });
  });

  describe('rejectionNoticeText', () => {
    // Decided 2026-03-03: + 60 days = 2026-05-02 (28 days to Mar 31, 30 in April, 2 in May); + 6 months = 2026-09-03.
    const appeal: AppealRights = {
      reconsideration: { body: hunan.appeal.reconsiderationBody.value, days: 60, deadline: '2026-05-02' },
      litigation: { body: hunan.appeal.litigationBody.value, months: 6, deadline: '2026-09-03' },
    };
    const { title, body } = rejectionNoticeText({
      caseId: 'CASE-R1',
      app: dibaoApplication(),
      decidedOn: '2026-03-03',
      reasons: ['家庭人均收入不低于当地低保标准', '未如实申报机动车辆'],
      appeal,
    });

    it('is a rejection decision with numbered reasons', () => {
      expect(title).toBe('最低生活保障不予批准决定书');
      expect(body).toContain('不予批准');
      expect(body).toContain('1. 家庭人均收入不低于当地低保标准');
      expect(body).toContain('2. 未如实申报机动车辆');
      expect(body).toContain('2026-03-03');
    });

    it('names the reconsideration body, period and deadline', () => {
      expect(body).toContain('60日内（2026-05-02前）向县级人民政府申请行政复议');
    });

    it('names the litigation court, period and deadline', () => {
      expect(body).toContain('6个月内（2026-09-03前）向作出决定的行政机关所在地的基层人民法院提起行政诉讼');
    });
  });
});
