import { csvCell } from './day-report-csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('政务服务大厅, 东区')).toBe('"政务服务大厅, 东区"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('企业开办')).toBe('企业开办');
  });

  it('writes numbers as they are and nothing for null', () => {
    expect(csvCell(0.667)).toBe('0.667');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('keeps Excel from reading a name as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
