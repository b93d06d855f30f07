// The roll's pure parts: name masking, yuan formatting and CSV cells that cannot run as formulas.
import { rollCsv, rollHtml } from '../api/roll-page';
import { csvCell, maskName, yuan } from '../domain/roll';

test('names keep the first character only', () => {
  expect(['张建国', '张三', '欧阳娜娜', '李', ' 王五 ', ''].map(maskName)).toEqual(['张*', '张*', '欧*', '李*', '王*', '*']);
});

test('amounts show in yuan with two decimals', () => {
  expect([45000, 123456, 5, 0].map(yuan)).toEqual(['450.00', '1234.56', '0.05', '0.00']);
});

test('CSV cells starting with = + - @ are prefixed with an apostrophe; commas and quotes are quoted', () => {
  expect(['=SUM(A1)', '+1', '-2', '@x', '张*', 'a,b', 'say "hi"', 3].map(csvCell)).toEqual([
    "'=SUM(A1)",
    "'+1",
    "'-2",
    "'@x",
    '张*',
    '"a,b"',
    '"say ""hi"""',
    '3',
  ]);
});

test('a village name that looks like a formula is neutralised in the CSV and escaped in the page', () => {
  const doc = {
    township: '430921101',
    village: '=HYPERLINK("x")<b>',
    month: '2026-12',
    total: 1,
    totalFen: 45000,
    items: [{ headMasked: '张*', householdSize: 3, program: 'tekun', monthlyAmountFen: 45000 }],
  };
  expect(rollCsv(doc)).toContain(`"'=HYPERLINK(""x"")<b>"`);
  const html = rollHtml(doc);
  expect(html).toContain('=HYPERLINK(&quot;x&quot;)&lt;b&gt;');
  expect(html).toContain('特困人员救助供养');
  expect(html).toContain('2026年12月');
});
