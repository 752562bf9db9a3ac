import { alertMessage } from './alert-text';

describe('alert messages', () => {
  it('words a line, a ticket and a ping-pong flag in English, from the code and its figures', () => {
    const category = { zh: '企业开办', en: 'Enterprise' };
    expect(alertMessage({ code: 'line_wait', params: { level: 'predicted_over', category, targetMin: 20, waiting: 6, openWindows: 1 } }))
      .toBe('Enterprise: expected to wait past the target of 20 min (6 waiting, 1 windows open)');
    expect(alertMessage({ code: 'ticket_wait', params: { level: 'over', number: 'A007', waitedMin: 25, targetMin: 20 } }))
      .toBe('A007: waiting past the target (waited 25 min, target 20 min)');
    expect(alertMessage({ code: 'ticket_wait', params: { level: 'over_twice', number: 'A007', waitedMin: 45, targetMin: 20 } }))
      .toBe('A007: waiting more than twice the target (waited 45 min, target 20 min)');
    expect(alertMessage({ code: 'ping_pong', params: { number: 'C001', transfers: 3 } }))
      .toBe('C001 was transferred 3 times: sent back and forth between windows');
  });
});
