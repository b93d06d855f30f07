import { approvalNoticeText } from '../domain/notices';
import { dibaoApplication } from './support/fixtures';

// What an approval notice tells the household about its money (seed 003 §(四)): 低保 monthly by the
// 10th; 特困 quarterly, by the 10th of each quarter's first month, three months at a time.

const approval = (program: 'dibao' | 'tekun', paymentDay?: number) =>
  approvalNoticeText({
    caseId: 'TK-430921101-2026-000001',
    app: dibaoApplication({ program }),
    decidedOn: '2026-03-20',
    monthlyAmountFen: 58500,
    paymentFrom: '2026-04-01',
    paymentDay,
  });

test('a 特困 approval says it is paid quarterly, when, and for how many months', () => {
  const { title, body } = approval('tekun');
  expect(title).toBe('特困人员救助供养审核确认通知书');
  expect(body).toContain('月救助供养金额585.00元');
  expect(body).toContain('自2026-04-01起享受，按季发放：每季度第一个月（1月、4月、7月、10月）10日前发放当季三个月的救助供养金。');
  expect(body).not.toContain('按月');
});

test('a 低保 approval says it is paid monthly, by the payment day', () => {
  const { body } = approval('dibao');
  expect(body).toContain('月保障金额585.00元，自2026-04-01起按月发放，每月10日前发放到户。');
  expect(body).not.toContain('按季');
  expect(approval('dibao', 5).body).toContain('每月5日前发放到户');
  expect(approval('tekun', 5).body).toContain('10月）5日前发放');
});
